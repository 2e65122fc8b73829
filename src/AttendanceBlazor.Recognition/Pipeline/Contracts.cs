using AttendanceBlazor.Recognition.Imaging;

namespace AttendanceBlazor.Recognition.Pipeline;

/// <summary>A face box in pixels of the upright image, with the detector's score.</summary>
public readonly record struct FaceBox(double X, double Y, double Width, double Height, double Score)
{
    public double Area => Width * Height;
}

/// <summary>A point in pixels of the upright image.</summary>
public readonly record struct PointD(double X, double Y);

/// <summary>Finds faces in an image.</summary>
public interface IFaceDetector
{
    IReadOnlyList<FaceBox> Detect(RgbImage image, DetectionSettings settings);
}

/// <summary>Places landmarks on detected faces (68 points for the face-api.js net).</summary>
public interface ILandmarkDetector
{
    IReadOnlyList<PointD[]> Detect(RgbImage image, IReadOnlyList<FaceBox> faces);
}

/// <summary>Chooses the image region the embedder sees, from a face's landmarks.</summary>
public interface IFaceAligner
{
    PixelRect Align(RgbImage image, FaceBox face, PointD[] landmarks);
}

/// <summary>Turns aligned face regions into descriptors. <see cref="ModelId"/> is stored with every descriptor.</summary>
public interface IFaceEmbedder
{
    string ModelId { get; }
    int Dimension { get; }
    IReadOnlyList<float[]> Embed(RgbImage image, IReadOnlyList<PixelRect> regions);
}

/// <summary>Detector thresholds, settable per call.</summary>
public sealed record DetectionSettings(double MinScore = 0.5, double IouThreshold = 0.5, int MaxFaces = 100);
