using AttendanceBlazor.Recognition.Imaging;
using AttendanceBlazor.Recognition.Pipeline;

namespace AttendanceBlazor.Recognition.FaceApi;

/// <summary>
/// face-api.js's dlib-style alignment (FaceLandmarks.alignDlib): a square around the eyes and mouth, sized from the
/// eye-to-mouth distance. Its clamp uses the detection crop's size, a quirk kept for faithfulness.
/// </summary>
public sealed class DlibAligner : IFaceAligner
{
    private const double RelX = 0.5;
    private const double RelY = 0.43;
    private const double RelScale = 0.45;

    public PixelRect Align(RgbImage image, FaceBox face, PointD[] landmarks)
    {
        if (landmarks.Length != FaceApiModels.LandmarkCount) return default;
        var crop = FaceApiGeometry.DetectionCrop(face, image.Width, image.Height);
        var leftEye = Center(landmarks, 36, 42);
        var rightEye = Center(landmarks, 42, 48);
        var mouth = Center(landmarks, 48, FaceApiModels.LandmarkCount);
        double Dist(PointD p) => Math.Sqrt((mouth.X - p.X) * (mouth.X - p.X) + (mouth.Y - p.Y) * (mouth.Y - p.Y));
        var eyeToMouth = (Dist(leftEye) + Dist(rightEye)) / 2;
        var size = Math.Floor(eyeToMouth / RelScale);
        var reference = Center([leftEye, rightEye, mouth], 0, 3);
        var x = Math.Floor(Math.Max(0, reference.X - RelX * size));
        var y = Math.Floor(Math.Max(0, reference.Y - RelY * size));
        var rect = (X: x, Y: y, W: Math.Min(size, crop.Width + x), H: Math.Min(size, crop.Height + y));
        return FaceApiGeometry.Clip(rect.X, rect.Y, rect.W, rect.H, image.Width, image.Height);
    }

    /// <summary>getCenterPoint: a running sum from (0, 0), then divided by the count.</summary>
    private static PointD Center(PointD[] points, int from, int to)
    {
        double sx = 0, sy = 0;
        for (var i = from; i < to; i++)
        {
            sx += points[i].X;
            sy += points[i].Y;
        }
        return new PointD(sx / (to - from), sy / (to - from));
    }
}
