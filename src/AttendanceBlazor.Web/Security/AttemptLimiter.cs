using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace AttendanceBlazor.Web.Security;

/// <summary>
/// Counts attempts per key (an address, an account, a kiosk circuit) in a fixed window and says how long a key over
/// its limit must wait. Memory is bounded: expired windows are dropped when the table fills, and past
/// <c>maxKeys</c> new keys share one overflow bucket (an attacker rotating addresses then throttles only other
/// newcomers, never the keys already counted, and valid API keys are checked before any of this).
/// It reads the injected clock, so tests move time instead of sleeping.
/// </summary>
public sealed class AttemptLimiter(int limit, TimeSpan window, int maxKeys, TimeProvider time)
{
    public const string OverflowKey = "\u0000overflow";

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    public int Limit => limit;

    public int TrackedKeys => _buckets.Count;

    /// <summary>How long <paramref name="key"/> must wait, or null when it may try (nothing is counted).</summary>
    public TimeSpan? Blocked(string key)
    {
        if (!_buckets.TryGetValue(key, out var bucket) && !_buckets.TryGetValue(OverflowKey, out bucket)) return null;
        var now = time.GetUtcNow();
        lock (bucket)
        {
            if (now >= bucket.Start + window || bucket.Count < limit) return null;
            return bucket.Start + window - now;
        }
    }

    /// <summary>Counts one attempt; returns null when it was within the limit, else how long to wait.</summary>
    public TimeSpan? Count(string key)
    {
        var now = time.GetUtcNow();
        var bucket = BucketFor(key, now);
        lock (bucket)
        {
            if (now >= bucket.Start + window)
            {
                bucket.Start = now;
                bucket.Count = 0;
            }
            if (bucket.Count >= limit) return bucket.Start + window - now;
            bucket.Count++;
            return null;
        }
    }

    /// <summary>Forgets a key (a successful sign-in clears its account's count).</summary>
    public void Reset(string key) => _buckets.TryRemove(key, out _);

    private Bucket BucketFor(string key, DateTimeOffset now)
    {
        if (_buckets.TryGetValue(key, out var existing)) return existing;
        if (_buckets.Count >= maxKeys)
        {
            foreach (var (k, b) in _buckets)
            {
                bool expired;
                lock (b) expired = now >= b.Start + window;
                if (expired) _buckets.TryRemove(k, out _);
            }
            if (_buckets.Count >= maxKeys) key = OverflowKey;
        }
        return _buckets.GetOrAdd(key, _ => new Bucket { Start = now });
    }

    private sealed class Bucket
    {
        public DateTimeOffset Start;
        public int Count;
    }

    /// <summary>
    /// The key for a client address: IPv4 as is, IPv6 by its /64 network (one host gets a whole /64 and can
    /// rotate through it at will).
    /// </summary>
    public static string AddressKey(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
