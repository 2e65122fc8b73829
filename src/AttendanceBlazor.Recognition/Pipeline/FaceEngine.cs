using System.Diagnostics;
using AttendanceBlazor.Recognition.Imaging;

namespace AttendanceBlazor.Recognition.Pipeline;

/// <summary>
/// Decode, detect, landmarks, align, describe: the pieces are swappable behind their interfaces, so another model
/// pair (for example SCRFD with ArcFace) can be configured without touching callers. Thread-safe.
/// </summary>
public sealed class FaceEngine(IFaceDetector detector, ILandmarkDetector landmarks, IFaceAligner aligner, IFaceEmbedder embedder, RecognitionOptions options)
{
    public string ModelId => embedder.ModelId;

    public int Dimension => embedder.Dimension;

    public DetectionSettings DefaultDetection { get; } = new(options.MinDetectionScore, options.NmsIouThreshold, options.MaxFaces);

    public ImageLimits Limits { get; } = new(options.MaxImageBytes, options.MaxImagePixels);

    /// <summary>Decodes and analyses an encoded still; throws <see cref="ImageDecodeException"/> for an unusable image.</summary>
    public FaceAnalysis Analyze(ReadOnlySpan<byte> encoded, DetectionSettings? settings = null, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        var image = ImageDecoder.Decode(encoded, Limits);
        var decode = Stopwatch.GetElapsedTime(start);
        var analysis = Analyze(image, settings, cancellationToken);
        return analysis with { Timings = analysis.Timings with { Decode = decode } };
    }

    public FaceAnalysis Analyze(RgbImage image, DetectionSettings? settings = null, CancellationToken cancellationToken = default)
    {
        var t0 = Stopwatch.GetTimestamp();
        var boxes = detector.Detect(image, settings ?? DefaultDetection);
        var detect = Stopwatch.GetElapsedTime(t0);
        cancellationToken.ThrowIfCancellationRequested();

        var t1 = Stopwatch.GetTimestamp();
        var points = boxes.Count == 0 ? [] : landmarks.Detect(image, boxes);
        var landmarkTime = Stopwatch.GetElapsedTime(t1);
        cancellationToken.ThrowIfCancellationRequested();

        var t2 = Stopwatch.GetTimestamp();
        var regions = boxes.Select((b, i) => aligner.Align(image, b, points[i])).ToArray();
        var descriptors = boxes.Count == 0 ? [] : embedder.Embed(image, regions);
        var describe = Stopwatch.GetElapsedTime(t2);

        var faces = new List<DetectedFace>(boxes.Count);
        for (var i = 0; i < boxes.Count; i++)
        {
            // A face whose landmarks or aligned region came out empty (at the very edge of the still) cannot be described.
            if (points[i].Length == 0 || regions[i].Width <= 0 || regions[i].Height <= 0) continue;
            faces.Add(new DetectedFace(boxes[i], points[i], regions[i], descriptors[i]));
        }
        return new FaceAnalysis(image, faces, embedder.ModelId, new StageTimings(TimeSpan.Zero, detect, landmarkTime, describe));
    }
}
