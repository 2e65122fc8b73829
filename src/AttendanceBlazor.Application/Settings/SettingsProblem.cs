namespace AttendanceBlazor.Application.Settings;

/// <summary>Why a settings form cannot be saved.</summary>
public enum SettingsProblem
{
    MatchThresholdOutOfRange,
    SureThresholdOutOfRange,
    DuplicateWindowOutOfRange,
    UnknownTimeZone,
    AutoCheckoutTimeNotATimeOfDay,
    MaxOpenDurationOutOfRange,
    RetentionOutOfRange,
}
