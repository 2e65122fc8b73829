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
    PinIncomplete,
    BadPin,
    PinLocked,
    TooDark,
    Blurred,
}
