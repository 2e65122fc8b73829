using System.Buffers;
using System.Diagnostics;
using AttendanceBlazor.Recognition.FaceApi;
using AttendanceBlazor.Recognition.Imaging;
using AttendanceBlazor.Recognition.Pipeline;

namespace AttendanceBlazor.Recognition.BlazeFace;

/// <summary>
/// MediaPipe's BlazeFace (the "back" model, 256 x 256, Apache-2.0 weights as @vladmandic/human 3.3.6 ships them),
/// converted in memory from its tfjs graph: a detector for a face near a camera, a few milliseconds a still where the
/// SSD takes tens. It answers boxes shaped like the SSD's (calibrated on ../shared/faces, see <see cref="ToSsdBox"/>),
/// so the same landmark net and descriptor follow; the REST API and HR's photos keep the SSD (any photo, small faces).
/// </summary>
public sealed class BlazeFaceDetector : IFaceDetector, IDisposable
{
    public const int InputSize = 256;

    /// <summary>The graph's outputs, in the order read back: scores and regressors of the 16 x 16 grid (2 anchors a cell), then the 8 x 8 (6).</summary>
    private static readonly string[] Outputs = ["Identity", "Identity_2", "Identity_1", "Identity_3"];

    private const int Regressors = 16;

    private readonly OnnxModel _model;
    private readonly float[] _anchors;

    private readonly double _minScore;

    private BlazeFaceDetector(OnnxModel model, double minScore, TimeSpan loadTime)
    {
        _model = model;
        _minScore = minScore;
        _anchors = Anchors();
        LoadTime = loadTime;
    }

    public TimeSpan LoadTime { get; }

    /// <summary>
    /// A BlazeFace score below this is not a face: on ../shared/faces every real face scores 0.73 or more (a half-covered
    /// one), the best false one 0.56 (a building's facade behind a portrait). Its scores are not the SSD's.
    /// </summary>
    public const double DefaultMinScore = 0.7;

    /// <summary>Reads blazeface.json (and its .bin) and builds the ONNX session.</summary>
    public static BlazeFaceDetector Load(string modelJson, int intraOpThreads = 0, double minScore = DefaultMinScore)
    {
        var clock = Stopwatch.StartNew();
        var graph = TfGraphModel.Load(modelJson);
        byte[] onnx;
        try
        {
            onnx = TfGraphToOnnx.Convert(graph, "blazeface", InputSize, Outputs);
        }
        catch (Exception ex) when (ex is not ModelLoadException)
        {
            throw new ModelLoadException(modelJson, $"the camera detector in {modelJson} could not be converted: {ex.Message}", ex);
        }
        return new BlazeFaceDetector(new OnnxModel(onnx, intraOpThreads), minScore, clock.Elapsed);
    }

    public IReadOnlyList<FaceBox> Detect(RgbImage image, DetectionSettings settings)
    {
        const int plane = 3 * InputSize * InputSize;
        var input = ArrayPool<float>.Shared.Rent(plane);
        float[][] outputs;
        try
        {
            // As the SSD's input: padded at the bottom and right to a square, resized, x / 127.5 - 1.
            TfPreprocessing.Write(image, new PixelRect(0, 0, image.Width, image.Height), InputSize, TfPreprocessing.Ssd, input);
            outputs = _model.Run(input, 1, 3, InputSize, InputSize);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input);
        }
        var count = _anchors.Length / 2;
        var scores = new float[count];
        var boxes = new float[count * 4];
        for (var i = 0; i < count; i++)
        {
            // The first grid's anchors come first, then the second's: outputs 0 and 1 for the first, 2 and 3 for the second.
            var (logits, regressors, k) = i < 512 ? (outputs[0], outputs[1], i) : (outputs[2], outputs[3], i - 512);
            scores[i] = 1f / (1f + MathF.Exp(-Math.Clamp(logits[k], -100f, 100f)));
            var r = k * Regressors;
            float cx = regressors[r] + _anchors[2 * i], cy = regressors[r + 1] + _anchors[2 * i + 1];
            float w = regressors[r + 2], h = regressors[r + 3];
            // [top, left, bottom, right] in [0, 1] of the input, as the SSD's non-maximum suppression reads them.
            boxes[4 * i] = (cy - h / 2) / InputSize;
            boxes[4 * i + 1] = (cx - w / 2) / InputSize;
            boxes[4 * i + 2] = (cy + h / 2) / InputSize;
            boxes[4 * i + 3] = (cx + w / 2) / InputSize;
        }
        var kept = SsdPostProcessing.NonMaxSuppression(boxes, scores, settings.MaxFaces, settings.IouThreshold, _minScore);
        var side = (double)Math.Max(image.Width, image.Height);
        return kept.Select(i => ToSsdBox(
            boxes[4 * i + 1] * side, boxes[4 * i] * side, (boxes[4 * i + 3] - boxes[4 * i + 1]) * side, (boxes[4 * i + 2] - boxes[4 * i]) * side,
            scores[i], image.Width, image.Height)).ToList();
    }

    /// <summary>
    /// A BlazeFace box (eyebrows to chin, tight) as the SSD would have drawn it around the same face, because the landmark
    /// net was trained on the SSD's crops: measured on ../shared/faces (medians over every portrait both found), the
    /// SSD's box is <see cref="WidthScale"/> times as wide and <see cref="HeightScale"/> as tall, its centre shifted by
    /// <see cref="ShiftX"/> and <see cref="ShiftY"/> of the BlazeFace box's size.
    /// </summary>
    internal static FaceBox ToSsdBox(double x, double y, double w, double h, double score, int imageWidth, int imageHeight)
    {
        var cx = x + w / 2 + ShiftX * w;
        var cy = y + h / 2 + ShiftY * h;
        var (sw, sh) = (w * WidthScale, h * HeightScale);
        var left = Math.Max(0, cx - sw / 2);
        var top = Math.Max(0, cy - sh / 2);
        var right = Math.Min(imageWidth, cx + sw / 2);
        var bottom = Math.Min(imageHeight, cy + sh / 2);
        return new FaceBox(left, top, right - left, bottom - top, score);
    }

    internal const double WidthScale = 0.854;
    internal const double HeightScale = 1.169;
    internal const double ShiftX = -0.020;
    internal const double ShiftY = -0.088;

    /// <summary>MediaPipe's anchors for the 256 model: a 16 x 16 grid with 2 per cell, then an 8 x 8 grid with 6, centred in their cells, in input pixels.</summary>
    private static float[] Anchors()
    {
        var anchors = new List<float>(2 * 896);
        foreach (var (stride, perCell) in new[] { (16, 2), (32, 6) })
        {
            var cells = InputSize / stride;
            for (var y = 0; y < cells; y++)
            for (var x = 0; x < cells; x++)
            for (var n = 0; n < perCell; n++)
            {
                anchors.Add(stride * (x + 0.5f));
                anchors.Add(stride * (y + 0.5f));
            }
        }
        return anchors.ToArray();
    }

    public void Dispose() => _model.Dispose();
}
