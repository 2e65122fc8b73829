using System.Buffers;
using System.Diagnostics;
using AttendanceBlazor.Recognition.Imaging;
using AttendanceBlazor.Recognition.Pipeline;

namespace AttendanceBlazor.Recognition.FaceApi;

/// <summary>
/// The face-api.js model family, converted from its tfjs weights into ONNX graphs in memory at startup.
/// </summary>
public sealed class FaceApiModels : IFaceDetector, ILandmarkDetector, IFaceEmbedder, IDisposable
{
    /// <summary>Stored with every descriptor this embedder produces.</summary>
    public const string DescriptorModelId = "faceapi-resnet34-128d@1.7.15";

    private readonly OnnxModel _ssd;
    private readonly float[] _priors;
    private readonly OnnxModel _landmarks;
    private readonly OnnxModel _recognition;

    private FaceApiModels(OnnxModel ssd, float[] priors, OnnxModel landmarks, OnnxModel recognition, TimeSpan loadTime, DetectorMode detectorMode)
    {
        DetectorMode = detectorMode;
        _ssd = ssd;
        _priors = priors;
        _landmarks = landmarks;
        _recognition = recognition;
        LoadTime = loadTime;
    }

    public TimeSpan LoadTime { get; }

    public DetectorMode DetectorMode { get; }

    public string ModelId => DescriptorModelId;

    /// <summary>Values in a face-api.js descriptor.</summary>
    public const int DescriptorLength = 128;

    /// <summary>Points the landmark net places on a face (dlib's 68-point layout), and the values it outputs for them.</summary>
    public const int LandmarkCount = 68;
    public const int LandmarkOutputLength = 2 * LandmarkCount;

    public int Dimension => DescriptorLength;

    /// <summary>Reads the three tfjs models from <paramref name="directory"/> and builds the ONNX sessions.</summary>
    public static FaceApiModels Load(string directory, int intraOpThreads = 0, DetectorMode detectorMode = DetectorMode.Reference)
    {
        var sw = Stopwatch.StartNew();
        // The three conversions are independent: run them side by side to keep startup short.
        var ssdTask = Task.Run(() =>
        {
            var (bytes, priors) = SsdMobilenetV1Graph.Build(TfjsWeights.Load(directory, SsdMobilenetV1Graph.ModelName),
                quantized: detectorMode == DetectorMode.Fast);
            return (Model: new OnnxModel(bytes, intraOpThreads), Priors: priors);
        });
        var lmTask = Task.Run(() => new OnnxModel(Landmark68Graph.Build(TfjsWeights.Load(directory, Landmark68Graph.ModelName)), intraOpThreads));
        var recTask = Task.Run(() => new OnnxModel(RecognitionGraph.Build(TfjsWeights.Load(directory, RecognitionGraph.ModelName)), intraOpThreads));
        try
        {
            Task.WaitAll(ssdTask, lmTask, recTask);
        }
        catch (AggregateException ex)
        {
            if (ssdTask.IsCompletedSuccessfully) ssdTask.Result.Model.Dispose();
            if (lmTask.IsCompletedSuccessfully) lmTask.Result.Dispose();
            if (recTask.IsCompletedSuccessfully) recTask.Result.Dispose();
            var first = ex.Flatten().InnerExceptions[0];
            if (first is ModelLoadException) throw first;
            throw new ModelLoadException(directory, $"the models in {directory} could not be loaded: {first.Message}", first);
        }
        return new FaceApiModels(ssdTask.Result.Model, ssdTask.Result.Priors, lmTask.Result, recTask.Result, sw.Elapsed, detectorMode);
    }

    public IReadOnlyList<FaceBox> Detect(RgbImage image, DetectionSettings settings)
    {
        const int size = SsdMobilenetV1Graph.InputSize;
        var outputs = RunPooled(_ssd, image, [new PixelRect(0, 0, image.Width, image.Height)], size, TfPreprocessing.Ssd);
        var count = _priors.Length / 4;
        var boxes = SsdPostProcessing.DecodeBoxes(outputs[0], _priors, count);
        var scores = SsdPostProcessing.Scores(outputs[1], count);
        var kept = SsdPostProcessing.NonMaxSuppression(boxes, scores, settings.MaxFaces, settings.IouThreshold, settings.MinScore);
        return kept.Select(i => SsdPostProcessing.ToImageBox(boxes, i, scores[i], image.Width, image.Height, size)).ToList();
    }

    public IReadOnlyList<PointD[]> Detect(RgbImage image, IReadOnlyList<FaceBox> faces)
    {
        const int size = Landmark68Graph.InputSize;
        var crops = faces.Select(f => FaceApiGeometry.DetectionCrop(f, image.Width, image.Height)).ToArray();
        var result = new PointD[faces.Count][];
        var valid = Enumerable.Range(0, faces.Count).Where(i => crops[i].Width > 0 && crops[i].Height > 0).ToArray();
        if (valid.Length > 0)
        {
            var output = RunPooled(_landmarks, image, valid.Select(i => crops[i]).ToArray(), size, TfPreprocessing.Face)[0];
            for (var k = 0; k < valid.Length; k++)
            {
                var i = valid[k];
                result[i] = FaceApiGeometry.Landmarks(output.AsSpan(k * LandmarkOutputLength, LandmarkOutputLength), crops[i], faces[i], size);
            }
        }
        for (var i = 0; i < result.Length; i++) result[i] ??= [];
        return result;
    }

    public IReadOnlyList<float[]> Embed(RgbImage image, IReadOnlyList<PixelRect> regions, bool mirrored = false)
    {
        const int size = RecognitionGraph.InputSize;
        var result = new float[regions.Count][];
        var valid = Enumerable.Range(0, regions.Count).Where(i => regions[i].Width > 0 && regions[i].Height > 0).ToArray();
        if (valid.Length > 0)
        {
            var output = RunPooled(_recognition, image, valid.Select(i => regions[i]).ToArray(), size, TfPreprocessing.Face, mirrored)[0];
            for (var k = 0; k < valid.Length; k++) result[valid[k]] = output.AsSpan(k * DescriptorLength, DescriptorLength).ToArray();
        }
        // face-api.js returns a zero descriptor for an empty region; keep that shape, the engine drops such faces.
        for (var i = 0; i < result.Length; i++) result[i] ??= new float[DescriptorLength];
        return result;
    }

    /// <summary>
    /// Writes each region's input into one batch and runs the model. The batch comes from the shared pool: at 3 MB
    /// (detector) and 150 to 270 kB (face crops) it would otherwise be a fresh large-object-heap allocation per still,
    /// which a busy server pays for in gen-2 collections.
    /// </summary>
    private static float[][] RunPooled(OnnxModel model, RgbImage image, PixelRect[] regions, int size, TfPreprocessing.Normalization normalization, bool mirrored = false)
    {
        var plane = 3 * size * size;
        var input = ArrayPool<float>.Shared.Rent(regions.Length * plane);
        try
        {
            for (var k = 0; k < regions.Length; k++)
            {
                TfPreprocessing.Write(image, regions[k], size, normalization, input, k * plane, mirrored);
            }
            return model.Run(input, regions.Length, 3, size, size);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input);
        }
    }

    public void Dispose()
    {
        _ssd.Dispose();
        _landmarks.Dispose();
        _recognition.Dispose();
    }
}
