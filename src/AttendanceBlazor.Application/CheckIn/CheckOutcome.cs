namespace AttendanceBlazor.Application.CheckIn;

/// <summary>What a check-in attempt did; the kiosk and the REST API each say it in their own words.</summary>
public enum CheckOutcome
{
    CheckedIn,
    CheckedOut,
    Registered,
    Duplicate,
    UnknownFace,
    NameTaken,
    FaceBelongsToSomeoneElse,
    Ambiguous,
    Inactive,
    NoFace,
    SeveralFaces,
    BadImage,
    ImageTooLarge,
    BadName,
    ConsentRequired,

    /// <summary>The request said consent=false: nothing was analysed or stored.</summary>
    ConsentDeclined,
    PinIncomplete,
    BadPin,
    TooDark,
    Blurred,

    /// <summary>Close to a registered person, but not close enough to be sure: the kiosk asks, the API answers 409.</summary>
    Doubtful,

    /// <summary>A new face close to someone registered (active or not): the registration waits for HR.</summary>
    Lookalike,

    /// <summary>The stills of one request show different people.</summary>
    DifferentPeople,

    /// <summary>More stills than a request may carry.</summary>
    TooManyImages,

    /// <summary>The liveness challenge was not met (the kiosk); nothing was recorded.</summary>
    NotLive,

    /// <summary>Recognition is at capacity (RecognitionGate): nothing was recorded, try again in a few seconds.</summary>
    Busy,

    /// <summary>Personal check-in: the account is not linked to a person.</summary>
    NotLinked,

    /// <summary>Personal check-in: the person has no face registered (they register at a kiosk, or ask HR).</summary>
    NoFaceRegistered,

    /// <summary>Personal check-in: the face is not the account's person's; nothing was recorded, an audit entry was.</summary>
    NotYourFace,

    /// <summary>Personal check-in is off, or the plain button is not allowed.</summary>
    PersonalCheckInOff,

    /// <summary>Personal check-in from outside the allowed networks, where Settings refuse it.</summary>
    OutsideAllowedNetworks,

    /// <summary>The answer to a question came too late, or for another face: nothing was recorded.</summary>
    Expired,

    /// <summary>An Idempotency-Key already used for a different request: nothing was processed or recorded.</summary>
    IdempotencyKeyReused,
}
