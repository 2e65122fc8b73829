using AttendanceBlazor.Data.Entities;

namespace AttendanceBlazor.Application.CheckIn;

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
