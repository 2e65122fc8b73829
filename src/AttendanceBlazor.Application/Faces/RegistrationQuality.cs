using AttendanceBlazor.Application.Liveness;

namespace AttendanceBlazor.Application.Faces;

/// <summary>
/// Which stills of a registration burst are good enough to keep as templates: a face large enough, lit, sharp and
/// turned towards the camera. A template is what every later check-in is compared with, so a poor one costs more
/// than a missing one.
/// </summary>
public static class RegistrationQuality
{
    public const double MinFaceWidth = 80;
    public const double MaxYawDegrees = 20;
    public const double MinMeanLuma = 40;
    public const double MaxMeanLuma = 220;
    public const double MinSharpness = 60;

    public static bool IsGood(AnalyzedFace face) =>
        face.Box.Width >= MinFaceWidth
        && (face.Landmarks.Length == 0 || Math.Abs(LandmarkGeometry.Yaw(face.Landmarks)) <= MaxYawDegrees)
        && face.Quality.MeanLuma is >= MinMeanLuma and <= MaxMeanLuma
        && face.Quality.Sharpness >= MinSharpness;
}
