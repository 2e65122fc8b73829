namespace AttendanceBlazor.Application.Liveness;

/// <summary>
/// What the kiosk asks a person to do, in their own left and right (the camera's frames are not mirrored: turning to
/// one's left moves the nose towards the frame's right edge).
/// </summary>
public enum LivenessChallengeKind
{
    TurnLeft,
    TurnRight,
    TurnLeftThenRight,
    TurnRightThenLeft,
    Blink,
}
