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

    /// <summary>An allowed network that is not a CIDR range ("10.0.0.0/8", "2001:db8::/32").</summary>
    BadNetworks,

    /// <summary>A choice that is not one of the list's.</summary>
    UnknownChoice,

    /// <summary>Weekly hours that are not seven numbers from 0 to 24, a start that is not a time of day, a grace over 4 hours.</summary>
    BadSchedule,
}
