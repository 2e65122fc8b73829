using System.Diagnostics;
using AttendanceBlazor.Recognition.Imaging;

namespace AttendanceBlazor.Recognition.Pipeline;

/// <summary>
/// Decode, detect, landmarks, align, describe: the pieces are swappable behind their interfaces, so another model
/// pair (for example SCRFD with ArcFace) can be configured without touching callers. Two detectors: the general one
/// (the SSD: any photo, several and small faces) and, where configured, one for a face near a camera
/// (<see cref="DetectionSettings.Camera"/>); the landmarks and descriptors after them are the same. Thread-safe.
/// </summary>
public sealed class FaceEngine(IFaceDetector detector, ILandmarkDetector landmarks, IFaceAligner aligner, IFaceEmbedder embedder, RecognitionOptions options,
    IFaceDetector? cameraDetector = null)
{
    /// <summary>Whether camera stills are found with a detector of their own (else with the general one).</summary>
    public bool HasCameraDetector => cameraDetector is not null;

    public string ModelId => embedder.ModelId;

    public int Dimension => embedder.Dimension;

    public DetectionSettings DefaultDetection { get; } = new(options.MinDetectionScore, options.NmsIouThreshold, options.MaxFaces);

    /// <summary>The default detection, describing only a face that dominates the still (<see cref="DetectionSettings.DominantFaceRatio"/>).</summary>
    public DetectionSettings DominantFace(double ratio) => DefaultDetection with { DominantFaceRatio = ratio };

    public ImageLimits Limits { get; } = new(options.MaxImageBytes, options.MaxImagePixels);

    /// <summary>
    /// A camera still is decoded down to about this many pixels (640 x 360 of a 1280 x 720 still): the one face near the
    /// camera then still spans more pixels than the landmark (112) and descriptor (150) nets take.
    /// </summary>
    public const long CameraStillPixels = 640 * 360;

    /// <summary>Decodes and analyses an encoded still; throws <see cref="ImageDecodeException"/> for an unusable image.</summary>
    public FaceAnalysis Analyze(ReadOnlySpan<byte> encoded, DetectionSettings? settings = null, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        var image = ImageDecoder.Decode(encoded, Limits, settings?.Camera == true && cameraDetector is not null ? CameraStillPixels : null);
        var decode = Stopwatch.GetElapsedTime(start);
        var analysis = Analyze(image, settings, cancellationToken);
        return analysis with { Timings = analysis.Timings with { Decode = decode } };
    }

    public FaceAnalysis Analyze(RgbImage image, DetectionSettings? settings = null, CancellationToken cancellationToken = default)
    {
        var t0 = Stopwatch.GetTimestamp();
        settings ??= DefaultDetection;
        var camera = settings.Camera && cameraDetector is not null;
        var boxes = (camera ? cameraDetector! : detector).Detect(image, settings);
        var detect = Stopwatch.GetElapsedTime(t0);
        cancellationToken.ThrowIfCancellationRequested();
        var detected = boxes.Count;
        if (settings.DominantFaceRatio is { } ratio && boxes.Count > 1)
        {
            // One person at a time: a crowd costs one detection, not a landmark and descriptor pass per face.
            var bySize = boxes.OrderByDescending(b => b.Area).ToList();
            if (bySize[0].Area < ratio * bySize[1].Area)
            {
                return new FaceAnalysis(image, [], embedder.ModelId, new StageTimings(TimeSpan.Zero, detect, TimeSpan.Zero, TimeSpan.Zero)) { Detected = detected };
            }
            boxes = [bySize[0]];
        }

        var t1 = Stopwatch.GetTimestamp();
        var points = boxes.Count == 0 ? [] : landmarks.Detect(image, boxes);
        if (camera && boxes.Count > 0)
        {
            // The camera detector's box is shaped like the SSD's only on average; the landmark net, trained on the SSD's
            // crops, places its points best from the box its own first points say (as a burst's frames are followed),
            // so the points, and everything after them, hardly depend on which detector found the face.
            var refined = points.Select(p => p.Length == 0 ? p : landmarks.Detect(image, [BoxAround(p)])[0]).ToArray();
            points = refined;
            boxes = boxes.Select((b, i) => points[i].Length == 0 ? b : BoxAround(points[i]) with { Score = b.Score }).ToList();
        }
        var landmarkTime = Stopwatch.GetElapsedTime(t1);
        cancellationToken.ThrowIfCancellationRequested();

        var t2 = Stopwatch.GetTimestamp();
        var regions = boxes.Select((b, i) => aligner.Align(image, b, points[i])).ToArray();
        var descriptors = boxes.Count == 0 ? [] : Describe(image, regions);
        var describe = Stopwatch.GetElapsedTime(t2);

        var faces = new List<DetectedFace>(boxes.Count);
        for (var i = 0; i < boxes.Count; i++)
        {
            // A face whose landmarks or aligned region came out empty (at the very edge of the still) cannot be described.
            if (points[i].Length == 0 || regions[i].Width <= 0 || regions[i].Height <= 0) continue;
            faces.Add(new DetectedFace(boxes[i], points[i], regions[i], descriptors[i]));
        }
        return new FaceAnalysis(image, faces, embedder.ModelId, new StageTimings(TimeSpan.Zero, detect, landmarkTime, describe)) { Detected = detected };
    }

    public bool MirroredDescriptors => options.MirroredDescriptors;

    /// <summary>
    /// The descriptors of aligned regions; with <see cref="RecognitionOptions.MirroredDescriptors"/>, the mean of
    /// each region as seen and mirrored (the mirrored input is the region's own pixels read right to left, so no second
    /// detection and no copy of the crop).
    /// </summary>
    private IReadOnlyList<float[]> Describe(RgbImage image, PixelRect[] regions)
    {
        var seen = embedder.Embed(image, regions);
        if (!options.MirroredDescriptors) return seen;
        var flipped = embedder.Embed(image, regions, mirrored: true);
        var mirrored = new float[regions.Length][];
        for (var i = 0; i < regions.Length; i++)
        {
            if (regions[i].Width <= 0 || regions[i].Height <= 0)
            {
                mirrored[i] = seen[i];
                continue;
            }
            var mean = new float[seen[i].Length];
            for (var k = 0; k < mean.Length; k++) mean[k] = (seen[i][k] + flipped[i][k]) / 2;
            mirrored[i] = mean;
        }
        return mirrored;
    }

    /// <summary>
    /// The 68 landmarks of a face in the next frame of a burst, found from where they were in the previous one:
    /// the landmark net runs on a box derived from the previous points, and the detector does not run at all. For
    /// following a face through a second of video at a fraction of a still's cost. <paramref name="alwaysRefine"/>
    /// places every frame's points twice, for measurements as fine as an eye closing.
    /// </summary>
    public PointD[] TrackLandmarks(RgbImage frame, PointD[] previous, bool alwaysRefine = false)
    {
        var box = BoxAround(previous);
        if (box.Width < 1 || box.Height < 1) return [];
        var points = landmarks.Detect(frame, [box])[0];
        if (points.Length == 0) return [];
        // When the face moved, a second pass places the points from a box around where it went, as the detector's
        // box would be; one pass lags behind a quick movement and bends the points. A face that kept still needs none.
        var moved = BoxAround(points);
        var shift = Math.Max(Math.Abs(moved.X + moved.Width / 2 - box.X - box.Width / 2), Math.Abs(moved.Y + moved.Height / 2 - box.Y - box.Height / 2));
        if (!alwaysRefine && shift <= RefineShare * box.Width && Math.Abs(moved.Width / box.Width - 1) <= RefineShare) return points;
        return moved.Width < 1 || moved.Height < 1 ? [] : landmarks.Detect(frame, [moved])[0];
    }

    /// <summary>A face that moved less than this share of its width between frames is followed in one pass.</summary>
    private const double RefineShare = 0.04;

    /// <summary>The descriptor of the face whose landmarks are known (the last frame of a burst, say).</summary>
    public float[]? Describe(RgbImage image, PointD[] facePoints)
    {
        if (facePoints.Length == 0) return null;
        var box = BoxAround(facePoints);
        var region = aligner.Align(image, box, facePoints);
        if (region.Width <= 0 || region.Height <= 0) return null;
        return Describe(image, [region])[0];
    }

    /// <summary>The perceptual hash (<see cref="FaceHash"/>) of the face whose landmarks are known, with what is around it.</summary>
    public static FaceHash HashFace(RgbImage image, PointD[] facePoints) => FaceHash.Of(image, BoxAround(facePoints));

    /// <summary>
    /// A detector-like box around landmarks. The detector's box, measured against the landmarks it led to on
    /// ../shared/faces and ../shared/faces-pose (medians), starts 27% of the points' height above them and is 29%
    /// taller, and about as wide.
    /// </summary>
    public static FaceBox BoxAround(PointD[] points)
    {
        double x0 = double.MaxValue, y0 = double.MaxValue, x1 = double.MinValue, y1 = double.MinValue;
        foreach (var p in points)
        {
            x0 = Math.Min(x0, p.X);
            y0 = Math.Min(y0, p.Y);
            x1 = Math.Max(x1, p.X);
            y1 = Math.Max(y1, p.Y);
        }
        double w = x1 - x0, h = y1 - y0;
        return new FaceBox(x0 + 0.013 * w, y0 - 0.268 * h, 0.977 * w, 1.289 * h, 1.0);
    }
}
