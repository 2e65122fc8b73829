using System.ComponentModel.DataAnnotations;

namespace AttendanceBlazor.Recognition;

/// <summary>Settings of section "Recognition". Validated on start: a bad value stops the app with a clear message.</summary>
public sealed class RecognitionOptions : IValidatableObject
{
    public const string Section = "Recognition";

    /// <summary>Folder with the face-api.js weights; defaults to models/face-api beside the app, where the build puts them.</summary>
    public string? ModelDirectory { get; set; }

    /// <summary>Detector score threshold. 0.5 is face-api.js's default and finds every face in the test set (the weakest score about 0.6).</summary>
    [Range(0.05, 0.99)]
    public double MinDetectionScore { get; set; } = 0.5;

    /// <summary>Overlap above which the weaker of two boxes is suppressed.</summary>
    [Range(0.1, 0.9)]
    public double NmsIouThreshold { get; set; } = 0.5;

    [Range(1, 100)]
    public int MaxFaces { get; set; } = 100;

    /// <summary>
    /// Largest descriptor distance accepted as the same person. 0.6 is dlib's published operating point for this net;
    /// on ../shared/faces it sits between the largest genuine distance and the smallest impostor distance
    /// (docs/decisions/002-match-threshold.md).
    /// </summary>
    [Range(0.2, 0.7)]
    public double MatchThreshold { get; set; } = 0.6;

    /// <summary>
    /// Largest distance at which a match is sure enough to record without asking. Between this and
    /// <see cref="MatchThreshold"/> a match is doubtful: the kiosk asks "Are you ...?", the REST API answers 409.
    /// Calibrated on ../shared/faces-hard, where no stranger comes closer than 0.48 to anyone
    /// (docs/decisions/010-trusted-check-ins.md).
    /// </summary>
    [Range(0.1, 0.7)]
    public double SureThreshold { get; set; } = 0.45;

    /// <summary>
    /// Describe each face twice, as seen and mirrored, and keep the mean: the same person's stills come closer
    /// together, strangers do not (on ../shared/faces-hard). Off for the engine and the CLI, whose descriptors are
    /// compared with face-api.js's; on in the web app.
    /// </summary>
    public bool MirroredDescriptors { get; set; }

    /// <summary>A match is refused as ambiguous when another person is also under the threshold and closer than this to the best.</summary>
    [Range(0.0, 0.5)]
    public double AmbiguityMargin { get; set; } = 0.05;

    [Range(1024, 200L * 1024 * 1024)]
    public long MaxImageBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>
    /// Pixels decoded at most per still: 16 MP holds any webcam and most phone cameras. Larger JPEG and WebP stills are
    /// decoded scaled down to fit; larger PNG, BMP and GIF are refused from their header (a 150 KB PNG can declare
    /// 6300 x 6300 pixels, 160 MB once decoded).
    /// </summary>
    [Range(1, 200_000_000)]
    public long MaxImagePixels { get; set; } = 16_000_000;

    /// <summary>Stills analysed at once in this process; 0 means one per core. More wait in the queue.</summary>
    [Range(0, 256)]
    public int MaxConcurrentAnalyses { get; set; }

    /// <summary>
    /// Stills that may wait for a free analysis slot; beyond them a request is answered 503 with Retry-After (and the
    /// kiosk says it is busy). At least 32, so a shift change's crowd at the kiosks is queued, not turned away.
    /// </summary>
    [Range(0, 100_000)]
    public int AnalysisQueueLimit { get; set; } = 64;

    /// <summary>
    /// Bytes of pictures (REST forms, camera stills and bursts) held in memory at once in this process; more wait for
    /// room, within their deadline (BufferBudget). 256 MiB holds eight maximal bursts and far more real ones.
    /// </summary>
    [Range(16L * 1024 * 1024, 16L * 1024 * 1024 * 1024)]
    public long MaxBufferedBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// Reference runs the detector in float32 exactly as face-api.js does; Fast runs the same network with 8-bit
    /// convolutions: a third to 40% less time a still; on ../shared/faces the same faces and descriptors within 0.12
    /// of the reference's, though tiny faces scoring near the threshold can be missed (docs/decisions/008-fast-detector.md).
    /// Landmarks and descriptors are float32 in both modes.
    /// </summary>
    [EnumDataType(typeof(DetectorMode))]
    public DetectorMode DetectorMode { get; set; } = DetectorMode.Reference;

    /// <summary>
    /// The detector for stills of a person at a camera (the kiosk, the own tab, a liveness burst): Ssd, the general
    /// detector, or BlazeFace, made for one face near a camera, several times faster (docs/benchmarks.md). The REST API
    /// and HR's photos always use the SSD.
    /// </summary>
    [EnumDataType(typeof(CameraDetector))]
    public CameraDetector CameraDetector { get; set; } = CameraDetector.Ssd;

    /// <summary>BlazeFace's tfjs graph (blazeface.json, with its .bin beside it); defaults to models/blazeface beside the app.</summary>
    public string? CameraModelPath { get; set; }

    public string ResolveCameraModelPath() =>
        string.IsNullOrWhiteSpace(CameraModelPath) ? Path.Combine(AppContext.BaseDirectory, "models", "blazeface", "blazeface.json") : CameraModelPath;

    /// <summary>ONNX Runtime intra-op threads per session; 0 means one per core.</summary>
    [Range(0, 256)]
    public int IntraOpThreads { get; set; }

    public string ResolveModelDirectory() =>
        string.IsNullOrWhiteSpace(ModelDirectory) ? Path.Combine(AppContext.BaseDirectory, "models", "face-api") : ModelDirectory;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SureThreshold >= MatchThreshold)
        {
            yield return new ValidationResult("Recognition:SureThreshold must be smaller than Recognition:MatchThreshold.",
                [nameof(SureThreshold)]);
        }
        if (AmbiguityMargin >= MatchThreshold)
        {
            yield return new ValidationResult("Recognition:AmbiguityMargin must be smaller than Recognition:MatchThreshold.",
                [nameof(AmbiguityMargin)]);
        }
    }
}
