using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Web.Security;

/// <summary>
/// How many live camera pages (circuits) one paired kiosk or one account may have open at once on this node
/// (RateLimits:CircuitsPerKiosk, CircuitsPerAccount): each such page can send a burst a press, so without a limit one
/// kiosk cookie or one password could open a hundred and make the server hold a hundred bursts. Only circuits whose
/// browser is connected count: a reloaded page's old circuit, kept a while for a reconnect, does not hold a place.
/// </summary>
public sealed class CircuitLimits(IOptions<RateLimitOptions> options)
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<CircuitPlace, byte>> _places = new(StringComparer.Ordinal);

    /// <summary>The key of a paired kiosk (its Devices row).</summary>
    public static string Kiosk(int deviceId) => $"kiosk:{deviceId}";

    /// <summary>The key of a signed-in account (an Admin's kiosk page, an Employee's own tab).</summary>
    public static string Account(string userId) => $"account:{userId}";

    /// <summary>
    /// A place for a camera page of <paramref name="key"/> in the circuit of <paramref name="circuit"/>, or null when
    /// the key already has as many connected pages as it may. Dispose the place when the page goes.
    /// </summary>
    public CircuitPlace? TryOpen(string key, CircuitPresence circuit)
    {
        var limit = key.StartsWith("kiosk:", StringComparison.Ordinal) ? options.Value.CircuitsPerKiosk : options.Value.CircuitsPerAccount;
        var places = _places.GetOrAdd(key, _ => new ConcurrentDictionary<CircuitPlace, byte>());
        lock (places)
        {
            if (places.Keys.Count(p => p.Connected) >= limit) return null;
            var place = new CircuitPlace(this, key, circuit);
            places[place] = 0;
            return place;
        }
    }

    internal void Close(CircuitPlace place)
    {
        if (!_places.TryGetValue(place.Key, out var places)) return;
        lock (places)
        {
            places.TryRemove(place, out _);
            if (places.IsEmpty) _places.TryRemove(new KeyValuePair<string, ConcurrentDictionary<CircuitPlace, byte>>(place.Key, places));
        }
    }
}

/// <summary>A camera page's place under its kiosk's or account's limit.</summary>
public sealed class CircuitPlace(CircuitLimits limits, string key, CircuitPresence circuit) : IDisposable
{
    internal string Key => key;

    internal bool Connected => circuit.Connected;

    public void Dispose() => limits.Close(this);
}

/// <summary>Whether this circuit's browser is connected now (one per circuit, kept by its handler).</summary>
public sealed class CircuitPresence
{
    public volatile bool Connected = true;
}

public sealed class CircuitPresenceHandler(CircuitPresence presence) : CircuitHandler
{
    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        presence.Connected = true;
        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        presence.Connected = false;
        return Task.CompletedTask;
    }
}
