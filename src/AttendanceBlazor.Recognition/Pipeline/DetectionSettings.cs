using AttendanceBlazor.Recognition.Imaging;

namespace AttendanceBlazor.Recognition.Pipeline;

/// <summary>
/// Detector thresholds, settable per call. <paramref name="DominantFaceRatio"/>: only the largest face is wanted, and
/// only when its area is at least this many times the next one's; a still where no face dominates (a crowd) is
/// answered after detection alone, with no face described, and otherwise only the largest face is described.
/// </summary>
public sealed record DetectionSettings(double MinScore = 0.5, double IouThreshold = 0.5, int MaxFaces = 100, double? DominantFaceRatio = null)
{
    /// <summary>
    /// A still from a camera a person stands at (the kiosk, the own tab, a burst's frames): found with the camera
    /// detector where one is configured (Recognition:CameraDetector), else with the general one.
    /// </summary>
    public bool Camera { get; init; }
}
