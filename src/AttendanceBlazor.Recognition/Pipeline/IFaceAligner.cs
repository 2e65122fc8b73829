using AttendanceBlazor.Recognition.Imaging;

namespace AttendanceBlazor.Recognition.Pipeline;

/// <summary>Chooses the image region the embedder sees, from a face's landmarks.</summary>
public interface IFaceAligner
{
    PixelRect Align(RgbImage image, FaceBox face, PointD[] landmarks);
}
