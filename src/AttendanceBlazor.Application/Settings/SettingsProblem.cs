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
}
