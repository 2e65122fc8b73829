namespace AttendanceBlazor.Application.Settings;

/// <summary>What the Settings page edits: the overridable settings, as a person enters them.</summary>
public sealed class SettingsForm
{
    public double MatchThreshold { get; set; }
    public double SureThreshold { get; set; }
    public int DuplicateWindowSeconds { get; set; }
    public string TimeZoneId { get; set; } = "";
    public TimeSpan? AutoCheckoutTime { get; set; }
    public double MaxOpenHours { get; set; }
    public int? RetentionDays { get; set; }
    public Data.Entities.PersonalCheckInPolicy PersonalCheckIn { get; set; }
    public string? PersonalNetworks { get; set; }
    public Data.Entities.OutsideNetworkPolicy OutsideNetworks { get; set; }
    public bool AskLocation { get; set; }
    public bool ApplyForgottenCheckOuts { get; set; }
    /// <summary>Hours per weekday from Monday, "8,8,8,8,8,0,0".</summary>
    public string HoursPerWeekday { get; set; } = "";
    public TimeSpan? StartTime { get; set; }
    public int LateGraceMinutes { get; set; }
    public WorkingTime.BreakRule BreakRule { get; set; }
    public bool MonthConfirmation { get; set; }
    public Guid Version { get; set; }

    public IEnumerable<SettingsProblem> Problems()
    {
        if (MatchThreshold is < SettingsLimits.MinMatchThreshold or > SettingsLimits.MaxMatchThreshold) yield return SettingsProblem.MatchThresholdOutOfRange;
        if (SureThreshold < SettingsLimits.MinSureThreshold || SureThreshold >= MatchThreshold) yield return SettingsProblem.SureThresholdOutOfRange;
        if (DuplicateWindowSeconds < 0 || DuplicateWindowSeconds > SettingsLimits.MaxDuplicateWindow.TotalSeconds) yield return SettingsProblem.DuplicateWindowOutOfRange;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZoneId, out _)) yield return SettingsProblem.UnknownTimeZone;
        if (AutoCheckoutTime is { } t && (t < TimeSpan.Zero || t >= TimeSpan.FromDays(1))) yield return SettingsProblem.AutoCheckoutTimeNotATimeOfDay;
        if (MaxOpenHours < SettingsLimits.MinOpenDuration.TotalHours || MaxOpenHours > SettingsLimits.MaxOpenDuration.TotalHours) yield return SettingsProblem.MaxOpenDurationOutOfRange;
        if (RetentionDays is < 1 or > SettingsLimits.MaxRetentionDays) yield return SettingsProblem.RetentionOutOfRange;
        if (!Enum.IsDefined(PersonalCheckIn) || !Enum.IsDefined(OutsideNetworks)) yield return SettingsProblem.UnknownChoice;
        if (!WorkingTime.WeekSchedule.TryParseHours(HoursPerWeekday, out _) || StartTime is { } s && (s < TimeSpan.Zero || s >= TimeSpan.FromDays(1))
            || LateGraceMinutes is < 0 or > 240) yield return SettingsProblem.BadSchedule;
        if (!Enum.IsDefined(BreakRule)) yield return SettingsProblem.UnknownChoice;
        if ((PersonalNetworks?.Length ?? 0) > SettingsLimits.MaxNetworksLength || EffectiveSettings.ParseNetworks(PersonalNetworks) is null) yield return SettingsProblem.BadNetworks;
    }
}
