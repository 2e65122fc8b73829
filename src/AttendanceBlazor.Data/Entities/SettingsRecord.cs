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

    /// <summary>Check-in from one's own browser tab; null takes the default, face only.</summary>
    public PersonalCheckInPolicy? PersonalCheckIn { get; set; }

    /// <summary>Networks personal check-ins are expected from, CIDR ranges one per line; empty: every address, none remote.</summary>
    public string? PersonalNetworks { get; set; }

    public OutsideNetworkPolicy? OutsideNetworks { get; set; }

    /// <summary>Ask the browser for its location at a personal check-in (recorded only when the person allows it).</summary>
    public bool? AskLocation { get; set; }

    /// <summary>Apply a person's answer to "When did you leave?" at once, instead of putting it on HR's review list.</summary>
    public bool? ApplyForgottenCheckOuts { get; set; }

    /// <summary>Weekly hours, seven numbers from Monday; null takes Attendance:WorkingTime:HoursPerWeekday.</summary>
    public string? HoursPerWeekday { get; set; }

    public TimeSpan? StartTime { get; set; }

    public TimeSpan? LateGrace { get; set; }

    /// <summary>Breaks the law asks for ("None" or "Germany"); null takes Attendance:WorkingTime:BreakRule.</summary>
    public string? BreakRule { get; set; }

    /// <summary>Employees may confirm their month on /me.</summary>
    public bool? MonthConfirmation { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();
}
