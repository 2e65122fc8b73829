using System.Globalization;
using System.Text.Json;
using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AttendanceBlazor.Application.Integrations;

/// <summary>
/// The webhook outbox: an event is added to the caller's context, in the transaction of the change it reports, one
/// row per endpoint that receives it. It is sent if and only if the change committed (WebhookDispatcher).
/// </summary>
public static class Outbox
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Adds <paramref name="type"/> with <paramref name="data"/> for every endpoint that receives it; save the context after.</summary>
    public static async Task AddAsync(AttendanceDbContext db, TimeProvider time, string type, int? personId, object data, CancellationToken ct)
    {
        // Disabled endpoints get their rows too: held until an Admin enables the endpoint, then sent, so nothing that
        // happened meanwhile is lost.
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Select(e => new { e.Id, e.Events }).ToListAsync(ct);
        var receivers = endpoints.Where(e => WebhookEvents.Subscribed(e.Events, type)).ToList();
        if (receivers.Count == 0) return;
        var now = time.GetUtcNow().UtcDateTime;
        // A record's event from a caller that did not load the person: named here, so every record event has its name.
        if (data is Dictionary<string, object?> fields && fields.TryGetValue("name", out var name) && name is null && personId is { } id)
        {
            fields["name"] = await db.People.Where(p => p.Id == id).Select(p => p.DisplayName).FirstOrDefaultAsync(ct);
        }
        var payload = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["type"] = type,
            ["timestamp"] = now.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ["data"] = data,
        }, Json);
        foreach (var e in receivers)
        {
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                EndpointId = e.Id, MessageId = "msg_" + Guid.NewGuid().ToString("N"), EventType = type, PersonId = personId, Payload = payload,
                CreatedUtc = now, NextAttemptUtc = now, State = WebhookDeliveryState.Pending,
            });
        }
        OutboxSignal.Raise();
    }

    /// <summary>A time as the events carry it: local ("2026-11-03 08:00:00", the configured zone) and UTC (ISO 8601).</summary>
    public static (string Local, string Utc) When(EffectiveSettings settings, DateTime utc) =>
        (settings.Format(utc), DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));

    /// <summary>A record's data: ids, name, both times local and UTC, the change where there is one.</summary>
    public static object Record(EffectiveSettings settings, AttendanceRecord record, string? name, string? change = null)
    {
        var (inLocal, inUtc) = When(settings, record.CheckInUtc);
        var data = new Dictionary<string, object?>
        {
            ["record_id"] = record.Id, ["person_id"] = record.PersonId, ["name"] = name,
            ["check_in_local"] = inLocal, ["check_in_utc"] = inUtc,
            ["check_out_local"] = record.CheckOutUtc is { } o ? When(settings, o).Local : null,
            ["check_out_utc"] = record.CheckOutUtc is { } o2 ? When(settings, o2).Utc : null,
            ["source"] = record.Source.ToString(),
            ["check_out_source"] = record.CheckOutSource?.ToString(),
        };
        if (change is not null) data["change"] = change;
        return data;
    }
}

/// <summary>Wakes this node's dispatcher when an event was written here, so it goes out at once rather than at the next poll.</summary>
public static class OutboxSignal
{
    private static readonly SemaphoreSlim Signal = new(0, 1);

    public static void Raise()
    {
        if (Signal.CurrentCount == 0)
        {
            try
            {
                Signal.Release();
            }
            catch (SemaphoreFullException)
            {
            }
        }
    }

    public static Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => Signal.WaitAsync(timeout, ct);
}
