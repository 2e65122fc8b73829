using AttendanceBlazor.Data.Entities;

namespace AttendanceBlazor.Application.CheckIn;

/// <summary>
/// Where and when a check-in comes from: the channel, the device, the moment its still arrived (the server's clock,
/// never the client's; the record and the duplicate window use it), and for a registration the consent given. A
/// personal check-in adds the client's address, whether that is outside the allowed networks, and the location the
/// person let the browser give.
/// </summary>
public sealed record CheckContext(AttendanceSource Source, string? Device, DateTime AtUtc, bool? Consent = null, string? ConsentVersion = null)
{
    public string? Address { get; init; }

    public bool Remote { get; init; }

    public string? Location { get; init; }

    /// <summary>
    /// A capture nobody asked for (the kiosk's auto-capture): a last event of the same person within this window, if
    /// longer than the duplicate window, changes nothing either, so someone lingering in view is not toggled.
    /// </summary>
    public TimeSpan? UnaskedRepeatWindow { get; init; }

    /// <summary>The device's Idempotency-Key: the outcome of a write is kept under it in the write's own transaction.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>What the keyed request asked (Idempotency.Fingerprint): the same key with another request is refused.</summary>
    public string? Fingerprint { get; init; }
}
