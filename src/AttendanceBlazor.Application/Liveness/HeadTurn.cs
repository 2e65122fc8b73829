namespace AttendanceBlazor.Application.Liveness;

/// <summary>
/// One step of a challenge: a turn of the head to the person's own side, and back. Left and right are what the 68
/// landmarks see reliably (../shared/faces-pose/README.md). The camera's frames are not mirrored: turning to one's
/// left moves the nose towards the frame's right edge.
/// </summary>
public enum HeadTurn
{
    Left,
    Right,
}
