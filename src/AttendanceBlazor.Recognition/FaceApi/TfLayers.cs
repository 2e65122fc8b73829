using AttendanceBlazor.Recognition.Onnx;

namespace AttendanceBlazor.Recognition.FaceApi;

/// <summary>
/// TensorFlow layers expressed as ONNX nodes. tfjs keeps activations NHWC and filters HWIO; the ONNX graphs here are
/// NCHW with OIHW filters, so every filter is transposed once while the graph is built. TensorFlow's 'same' padding
/// puts the odd pixel at the bottom and right, which is ONNX's SAME_UPPER.
/// </summary>
internal static class TfLayers
{
    /// <summary>A regular convolution from an HWIO filter, with optional bias and per-channel affine (scale) folded in.</summary>
    public static string Conv(OnnxGraph g, string x, TfTensor filter, float[]? bias, int stride, bool same,
        float[]? scale = null, float[]? shift = null)
    {
        var (w, b) = ConvWeights(filter, bias, scale, shift);
        int kh = filter.Dim(0), kw = filter.Dim(1), cin = filter.Dim(2), cout = filter.Dim(3);
        var wName = g.Initializer(filter.Name + "_oihw", w, cout, cin, kh, kw);
        var bName = g.Initializer(filter.Name + "_b", b, cout);
        return g.Node("Conv", [x, wName, bName],
            Attr.Ints("kernel_shape", kh, kw),
            Attr.Ints("strides", stride, stride),
            Attr.String("auto_pad", same ? "SAME_UPPER" : "VALID"));
    }

    /// <summary>An HWIO filter as OIHW, with the per-channel affine folded into filter and bias.</summary>
    public static (float[] Weights, float[] Bias) ConvWeights(TfTensor filter, float[]? bias, float[]? scale = null, float[]? shift = null)
    {
        int kh = filter.Dim(0), kw = filter.Dim(1), cin = filter.Dim(2), cout = filter.Dim(3);
        var w = new float[cout * cin * kh * kw];
        for (var h = 0; h < kh; h++)
        for (var k = 0; k < kw; k++)
        for (var i = 0; i < cin; i++)
        for (var o = 0; o < cout; o++)
        {
            var v = filter.Data[((h * kw + k) * cin + i) * cout + o];
            w[((o * cin + i) * kh + h) * kw + k] = scale is null ? v : v * scale[o];
        }
        return (w, FoldBias(cout, bias, scale, shift));
    }

    /// <summary>A depthwise convolution from a [kh, kw, in, multiplier] filter.</summary>
    public static string Depthwise(OnnxGraph g, string x, TfTensor filter, float[]? bias, int stride,
        float[]? scale = null, float[]? shift = null)
    {
        var (w, b) = DepthwiseWeights(filter, bias, scale, shift);
        int kh = filter.Dim(0), kw = filter.Dim(1), cin = filter.Dim(2);
        var wName = g.Initializer(filter.Name + "_dw", w, b.Length, 1, kh, kw);
        var bName = g.Initializer(filter.Name + "_b", b, b.Length);
        return g.Node("Conv", [x, wName, bName],
            Attr.Ints("kernel_shape", kh, kw),
            Attr.Ints("strides", stride, stride),
            Attr.Int("group", cin),
            Attr.String("auto_pad", "SAME_UPPER"));
    }

    /// <summary>A [kh, kw, in, multiplier] filter as ONNX's [in * multiplier, 1, kh, kw], affine folded in.</summary>
    public static (float[] Weights, float[] Bias) DepthwiseWeights(TfTensor filter, float[]? bias, float[]? scale = null, float[]? shift = null)
    {
        int kh = filter.Dim(0), kw = filter.Dim(1), cin = filter.Dim(2), mult = filter.Dim(3);
        var cout = cin * mult;
        var w = new float[cout * kh * kw];
        for (var h = 0; h < kh; h++)
        for (var k = 0; k < kw; k++)
        for (var i = 0; i < cin; i++)
        for (var m = 0; m < mult; m++)
        {
            var o = i * mult + m;
            var v = filter.Data[((h * kw + k) * cin + i) * mult + m];
            w[(o * kh + h) * kw + k] = scale is null ? v : v * scale[o];
        }
        return (w, FoldBias(cout, bias, scale, shift));
    }

    /// <summary>tf.separableConv2d(x, depthwise, pointwise, stride, 'same') + bias.</summary>
    public static string SeparableConv(OnnxGraph g, string x, TfTensor depthwise, TfTensor pointwise, float[] bias, int stride)
    {
        var dw = Depthwise(g, x, depthwise, null, stride);
        return Conv(g, dw, pointwise, bias, 1, same: false);
    }

    public static string Relu(OnnxGraph g, string x) => g.Node("Relu", [x]);

    public static string Relu6(OnnxGraph g, string x)
    {
        var lo = g.Initializer("relu6_min", [0f]);
        var hi = g.Initializer("relu6_max", [6f]);
        return g.Node("Clip", [x, lo, hi]);
    }

    public static string Add(OnnxGraph g, string a, string b) => g.Node("Add", [a, b]);

    /// <summary>
    /// Folds y = ((conv + bias) * scale + shift) into one bias: bias' = bias * scale + shift. Scaling the filter
    /// changes rounding in the last bits only; the parity tests bound the effect.
    /// </summary>
    private static float[] FoldBias(int cout, float[]? bias, float[]? scale, float[]? shift)
    {
        var b = new float[cout];
        for (var o = 0; o < cout; o++)
        {
            var v = bias?[o] ?? 0f;
            if (scale is not null) v *= scale[o];
            if (shift is not null) v += shift[o];
            b[o] = v;
        }
        return b;
    }
}
