namespace AttendanceBlazor.Application.Settings;

/// <summary>The ranges a setting may take, shared by the configuration's validation and the Settings page's.</summary>
public static class SettingsLimits
{
    public const double MinMatchThreshold = 0.2;
    public const double MaxMatchThreshold = 0.7;
    public const double MinSureThreshold = 0.1;
    public static readonly TimeSpan MaxDuplicateWindow = TimeSpan.FromHours(12);
    public static readonly TimeSpan MinOpenDuration = TimeSpan.FromHours(1);
    public static readonly TimeSpan MaxOpenDuration = TimeSpan.FromDays(3);
    public const int MaxRetentionDays = 36_500;
    public const int MaxNameLengthCeiling = 200;

    /// <summary>The allowed networks as typed (the Settings column's length).</summary>
    public const int MaxNetworksLength = 2000;
}
