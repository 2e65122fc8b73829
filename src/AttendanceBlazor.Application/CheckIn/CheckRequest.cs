using AttendanceBlazor.Data.Entities;

namespace AttendanceBlazor.Application.CheckIn;

/// <summary>Where a check-in comes from: the channel, the device, and for a registration the consent given.</summary>
public sealed record CheckContext(AttendanceSource Source, string? Device, bool? Consent = null, string? ConsentVersion = null);

/// <summary>A still to check in or out with, and, for a new person, the name to register.</summary>
public sealed record CheckRequest(
    ReadOnlyMemory<byte> Image,
    string? Name,
    AttendanceSource Source,
    string? Device,
    bool? Consent = null,
    string? ConsentVersion = null)
{
    public CheckContext Context => new(Source, Device, Consent, ConsentVersion);
}
