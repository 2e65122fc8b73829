namespace AttendanceBlazor.Web.Components.Kiosk;

/// <summary>A result that is not a check-in outcome: the kiosk's own trouble, said to the person at it.</summary>
public enum KioskNotice
{
    None,
    CaptureFailed,

    /// <summary>
    /// The browser handed no picture over: the JS call or its stream timed out, or the camera had stopped giving
    /// pictures (unplugged, taken by another app).
    /// </summary>
    NoPicture,
    SystemBusy,
    SomethingWentWrong,

    /// <summary>The challenge was not met, the tries are used up: use the PIN or ask HR.</summary>
    NotLive,

    /// <summary>The face at the registration's submit is not the face the kiosk asked about.</summary>
    DifferentFace,

    /// <summary>More check-ins from this kiosk page in a minute than RateLimits:KioskCapturesPerMinute allows.</summary>
    TooManyAttempts,

    /// <summary>A doubtful face, when the kiosk has asked Attendance:DoubtfulQuestionsPerKioskPerHour questions this hour.</summary>
    NoMoreQuestions,
}
