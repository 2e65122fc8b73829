namespace AttendanceBlazor.Application.Liveness;

/// <summary>Attendance:Liveness: whether camera check-ins must meet a challenge first.</summary>
public enum LivenessMode
{
    Off,
    Challenge,
}
