using AttendanceBlazor.Data.Entities;

namespace AttendanceBlazor.Application.CheckIn;

/// <summary>Where a check-in comes from: the channel, the device, and for a registration the consent given.</summary>
public sealed record CheckContext(AttendanceSource Source, string? Device, bool? Consent = null, string? ConsentVersion = null);
