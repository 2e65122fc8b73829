namespace AttendanceBlazor.Data.Entities;

/// <summary>Why something waits on HR's review list.</summary>
public enum ReviewKind
{
    /// <summary>The kiosk asked "Are you ...?" and the person said no.</summary>
    DoubtfulDeclined = 0,

    /// <summary>The kiosk asked "Are you ...?" and the person said yes: recorded, for HR to look at.</summary>
    DoubtfulConfirmed = 1,

    /// <summary>A new face close to someone already registered: the registration waits for HR.</summary>
    PendingRegistration = 2,

    /// <summary>Three failed liveness challenges in a row at a kiosk.</summary>
    LivenessFailed = 3,

    /// <summary>
    /// A person whose record was closed automatically said when they really left (at their next check-in): the
    /// proposed check-out waits for HR.
    /// </summary>
    ForgottenCheckOut = 4,

    /// <summary>
    /// A liveness challenge was met with frames the server had seen before in a challenge that passed: a replayed
    /// recording. Nothing was recorded.
    /// </summary>
    LivenessReplayed = 5,

    /// <summary>
    /// The kiosk asked "Are you ...?" and nobody has answered (yet): every question is on the list, so a kiosk cannot
    /// be used to look people up without a trace. An answer turns it into <see cref="DoubtfulConfirmed"/> or
    /// <see cref="DoubtfulDeclined"/>.
    /// </summary>
    DoubtfulAsked = 6,
}
