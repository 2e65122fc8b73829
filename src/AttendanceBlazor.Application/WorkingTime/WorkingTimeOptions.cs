namespace AttendanceBlazor.Application.WorkingTime;

/// <summary>Breaks the law asks for, deducted from worked time where they fall short.</summary>
public enum BreakRule
{
    None = 0,

    /// <summary>Arbeitszeitgesetz § 4: over 6 hours worked needs 30 minutes of breaks, over 9 hours 45.</summary>
    Germany = 1,
}

/// <summary>The defaults under "Attendance:WorkingTime"; the Settings page overrides them, a person's own schedule overrides those.</summary>
public sealed class WorkingTimeOptions
{
    public const string Section = "Attendance:WorkingTime";

    /// <summary>Seven numbers of hours from Monday, comma-separated, a dot for decimals.</summary>
    public string HoursPerWeekday { get; set; } = "8,8,8,8,8,0,0";

    /// <summary>When the working day starts ("08:30"); none: nobody is ever late.</summary>
    public TimeSpan? StartTime { get; set; }

    /// <summary>A first check-in up to this after the start time is not late.</summary>
    public TimeSpan LateGrace { get; set; } = TimeSpan.FromMinutes(5);

    public BreakRule BreakRule { get; set; } = BreakRule.None;

    /// <summary>Employees may confirm their month on /me before HR approves it.</summary>
    public bool MonthConfirmation { get; set; }

    /// <summary>Why these defaults cannot be used, or nothing.</summary>
    public IEnumerable<string> Problems()
    {
        if (!WeekSchedule.TryParseHours(HoursPerWeekday, out _)) yield return $"{Section}:HoursPerWeekday must be seven numbers of hours from Monday, such as 8,8,8,8,8,0,0 (each 0 to 24).";
        if (StartTime is { } s && (s < TimeSpan.Zero || s >= TimeSpan.FromDays(1))) yield return $"{Section}:StartTime must be a time of day such as 08:30.";
        if (LateGrace < TimeSpan.Zero || LateGrace > TimeSpan.FromHours(4)) yield return $"{Section}:LateGrace must be between 00:00 and 04:00.";
        if (!Enum.IsDefined(BreakRule)) yield return $"{Section}:BreakRule must be None or Germany.";
    }
}
