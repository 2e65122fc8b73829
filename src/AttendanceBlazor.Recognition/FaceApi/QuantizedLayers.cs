using System.Runtime.Intrinsics.X86;
using AttendanceBlazor.Recognition.Onnx;

namespace AttendanceBlazor.Recognition.FaceApi;

/// <summary>
/// Convolution + ReLU6 as ONNX QLinearConv, for the detector's fast mode (docs/decisions/008-fast-detector.md).
/// MobileNet's ReLU6 bounds every activation to [0, 6], so one fixed uint8 scale (6/255, zero point 0) fits every
/// layer without calibration data (a development check saw every layer reach 6 on ../shared/faces), and the saturation of the
/// requantized output is the clip itself. Weights are 8-bit, symmetric, one scale per output channel; 7-bit
/// weights (ONNX Runtime's reduce_range) were tried and lost a face of face-api.js's demo photos.
/// </summary>
internal static class QuantizedLayers
{
    public const float Relu6Scale = 6f / 255f;

    /// <summary>
    /// x64 CPUs without VNNI multiply uint8 by int8 in 16-bit pairs that saturate with full-range weights (ONNX
    /// Runtime documents this for U8S8). There the same integer weights are stored as uint8 with zero point 128,
    /// which ONNX Runtime computes exactly, only more slowly: the results are bit-identical on every CPU.
    /// </summary>
    internal static bool SignedWeightsAreExact { get; } = !X86Base.IsSupported || AvxVnni.IsSupported;

    private const int WeightLevels = 127;

    /// <summary>Quantizes the float input with the given affine scale and zero point.</summary>
    public static QTensor QuantizeInput(OnnxGraph g, string x, float scale, byte zeroPoint)
    {
        var s = g.Initializer<float>("in_scale", [scale]);
        var z = g.Initializer<byte>("in_zero", [zeroPoint]);
        return new QTensor(g.Node("QuantizeLinear", [x, s, z]), s, z, scale);
    }

    /// <summary>The scale and zero point of every ReLU6 output (6/255, 0): one pair per graph, shared by all layers.</summary>
    public static (string Scale, string ZeroPoint) Relu6Quantization(OnnxGraph g) =>
        (g.Initializer<float>("relu6_scale", [Relu6Scale]), g.Initializer<byte>("relu6_zero", [(byte)0]));

    /// <summary>
    /// relu6(conv(x, weights) + bias) in 8 bits. <paramref name="weights"/> are OIHW floats (I per group), the
    /// padding is TensorFlow's 'same' (SAME_UPPER), as in the float graph. <paramref name="relu6"/> comes from
    /// <see cref="Relu6Quantization"/>.
    /// </summary>
    public static QTensor ConvRelu6(OnnxGraph g, QTensor x, float[] weights, float[] bias, int kh, int kw, int stride, int group,
        bool signedWeights, (string Scale, string ZeroPoint) relu6)
    {
        var cout = bias.Length;
        var perChannel = weights.Length / cout;
        var wq = new sbyte[weights.Length];
        var ws = new float[cout];
        var bq = new int[cout];
        for (var o = 0; o < cout; o++)
        {
            var row = weights.AsSpan(o * perChannel, perChannel);
            var max = 0f;
            foreach (var v in row) max = Math.Max(max, Math.Abs(v));
            // An all-zero filter still needs a positive scale; its weights quantize to zero either way.
            ws[o] = max > 0 ? max / WeightLevels : 1f;
            for (var i = 0; i < perChannel; i++)
            {
                wq[o * perChannel + i] = (sbyte)Math.Clamp(MathF.Round(row[i] / ws[o]), -WeightLevels, WeightLevels);
            }
            bq[o] = (int)Math.Round(bias[o] / ((double)x.ScaleValue * ws[o]));
        }
        long[] shape = [cout, perChannel / (kh * kw), kh, kw];
        var (wName, wzName) = signedWeights
            ? (g.Initializer<sbyte>("qw", wq, shape), g.Initializer<sbyte>("qw_zero", new sbyte[cout], cout))
            : (g.Initializer<byte>("qw", wq.Select(v => (byte)(v + 128)).ToArray(), shape),
                g.Initializer<byte>("qw_zero", Enumerable.Repeat((byte)128, cout).ToArray(), cout));
        var wsName = g.Initializer<float>("qw_scale", ws, cout);
        var bName = g.Initializer<int>("qb", bq, cout);
        var y = g.Node("QLinearConv", [x.Name, x.Scale, x.ZeroPoint, wName, wsName, wzName, relu6.Scale, relu6.ZeroPoint, bName],
            Attr.Ints("kernel_shape", kh, kw),
            Attr.Ints("strides", stride, stride),
            Attr.Int("group", group),
            Attr.String("auto_pad", "SAME_UPPER"));
        return new QTensor(y, relu6.Scale, relu6.ZeroPoint, Relu6Scale);
    }

    /// <summary>Back to float, for the small prediction heads whose outputs are not bounded.</summary>
    public static string Dequantize(OnnxGraph g, QTensor x) => g.Node("DequantizeLinear", [x.Name, x.Scale, x.ZeroPoint]);
}
