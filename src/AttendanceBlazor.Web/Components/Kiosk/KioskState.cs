namespace AttendanceBlazor.Web.Components.Kiosk;

/// <summary>What the kiosk shows.</summary>
public enum KioskState
{
    Starting,
    CameraDenied,
    CameraAbsent,
    Ready,

    /// <summary>A liveness challenge is shown and the camera records a burst.</summary>
    Challenge,
    Working,

    /// <summary>A doubtful match: "Are you ...?"</summary>
    Confirm,
    NeedsName,
    Pin,
    Result,
}
