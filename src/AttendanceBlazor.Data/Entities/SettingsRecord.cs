using Microsoft.AspNetCore.Identity;

namespace AttendanceBlazor.Data.Entities;

/// <summary>
/// Settings changed in the app (the Settings page); a null column falls back to the configured default under
/// "Attendance:". A single row, Id 1.
/// </summary>
public sealed class SettingsRecord
{
    public int Id { get; set; } = 1;

    public double? MatchThreshold { get; set; }

    /// <summary>The sure edge of the doubtful band; null takes Recognition:SureThreshold.</summary>
    public double? SureThreshold { get; set; }

    public TimeSpan? DuplicateWindow { get; set; }

    public string? TimeZone { get; set; }

    public TimeSpan? AutoCheckoutTime { get; set; }

    public TimeSpan? MaxOpenDuration { get; set; }

    public int? RetentionDays { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();
}
