using AttendanceBlazor.Recognition.Imaging;

namespace AttendanceBlazor.Recognition.Pipeline;

/// <summary>Places landmarks on detected faces (68 points for the face-api.js net).</summary>
public interface ILandmarkDetector
{
    IReadOnlyList<PointD[]> Detect(RgbImage image, IReadOnlyList<FaceBox> faces);
}
