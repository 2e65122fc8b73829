namespace AttendanceBlazor.Application.CheckIn;

/// <summary>
/// What the personal check-in control shows: whether at all (<see cref="Shown"/>), "Check in" or "Check out"
/// (<see cref="IsIn"/>), whether the face can be used (<see cref="HasFace"/>) or the plain button may stand in,
/// whether this address is refused or would be recorded as remote, and whether to ask the browser for its location.
/// </summary>
public sealed record PersonalState(bool Shown, bool IsIn, bool HasFace, bool ButtonAllowed, bool RefusedHere, bool Remote, bool AskLocation)
{
    public static readonly PersonalState Hidden = new(false, false, false, false, false, false, false);
}
