namespace AttendanceBlazor.Web.Components.Camera;

/// <summary>What the camera module's start() answers: started, or why not ("denied", "absent", "unsupported").</summary>
public sealed record CameraStart(bool Ok, string? Reason)
{
    public bool Denied => Reason == "denied";
}
