using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace AttendanceBlazor.Recognition.Pipeline;

/// <summary>
/// One ONNX Runtime session, created once and shared. InferenceSession.Run is safe to call from several threads at
/// once; each call uses the intra-op thread pool, so concurrent calls share the cores.
/// </summary>
internal sealed class OnnxModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _input;

    public OnnxModel(byte[] model, int intraOpThreads)
    {
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        options.IntraOpNumThreads = intraOpThreads > 0 ? intraOpThreads : Environment.ProcessorCount;
        // Spin-waiting intra-op threads fight the caller for the cores on a small machine (measured on 2 vCPUs:
        // detection 43 ms with spinning and 1 thread, 53 ms spinning with 2, 28 ms not spinning with 2), and burn CPU
        // on an idle server. See docs/benchmarks.md.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        _session = new InferenceSession(model, options);
        _input = _session.InputMetadata.Keys.Single();
    }

    /// <summary>Runs the model on an NCHW batch and returns each output's values in output order.</summary>
    public float[][] Run(Memory<float> input, int batch, int channels, int height, int width)
    {
        var tensor = new DenseTensor<float>(input[..(batch * channels * height * width)], [batch, channels, height, width]);
        using var results = _session.Run([NamedOnnxValue.CreateFromTensor(_input, tensor)]);
        return results.Select(r => r.AsTensor<float>().ToArray()).ToArray();
    }

    public void Dispose() => _session.Dispose();
}
