using AttendanceBlazor.Data.Entities;

namespace AttendanceBlazor.Application.CheckIn;

/// <summary>
/// Where and when a check-in comes from: the channel, the device, the moment its still arrived (the server's clock,
/// never the client's; the record and the duplicate window use it), and for a registration the consent given.
/// </summary>
public sealed record CheckContext(AttendanceSource Source, string? Device, DateTime AtUtc, bool? Consent = null, string? ConsentVersion = null);
