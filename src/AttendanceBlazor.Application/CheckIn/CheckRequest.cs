using AttendanceBlazor.Application.Time;
using AttendanceBlazor.Data.Entities;

namespace AttendanceBlazor.Application.CheckIn;

/// <summary>
/// Stills of one person to check in or out with (one, or up to <see cref="MaxImages"/>: more stills of the same face
/// help a match), and, for a new person, the name to register. <see cref="Arrival"/> is when the request arrived, read
/// before any queue; null takes the clock when the check starts.
/// </summary>
public sealed record CheckRequest(
    IReadOnlyList<ReadOnlyMemory<byte>> Images,
    string? Name,
    AttendanceSource Source,
    string? Device,
    bool? Consent = null,
    string? ConsentVersion = null,
    Arrival? Arrival = null)
{
    /// <summary>The device's Idempotency-Key, if it sent one: a resend of it gets the first outcome and records nothing.</summary>
    public string? IdempotencyKey { get; init; }

    public const int MaxImages = 5;

    public CheckRequest(ReadOnlyMemory<byte> image, string? name, AttendanceSource source, string? device, bool? consent = null, string? consentVersion = null, Arrival? arrival = null)
        : this([image], name, source, device, consent, consentVersion, arrival)
    {
    }
}
