namespace AttendanceBlazor.Web.Components.Kiosk;

/// <summary>What the kiosk shows.</summary>
public enum KioskState
{
    Starting,
    CameraDenied,
    CameraAbsent,
    Ready,
    Working,
    NeedsName,
    Pin,
    Result,
}
