using AttendanceBlazor.Recognition.Imaging;

namespace AttendanceBlazor.Recognition.Pipeline;

/// <summary>Finds faces in an image.</summary>
public interface IFaceDetector
{
    IReadOnlyList<FaceBox> Detect(RgbImage image, DetectionSettings settings);
}
