using AttendanceBlazor.Recognition.Onnx;

namespace AttendanceBlazor.Recognition.FaceApi;

/// <summary>
/// face-api.js FaceRecognitionNet (src/faceRecognitionNet): the dlib ResNet-34 variant on a 150 x 150 face, giving a
/// 128-d descriptor. Each conv is followed by a per-channel scale layer, folded here into the conv.
/// </summary>
internal static class RecognitionGraph
{
    public const string ModelName = "face_recognition_model";
    public const int InputSize = 150;

    public static byte[] Build(TfjsWeights w)
    {
        var g = new OnnxGraph("face_recognition");
        g.Input("input", -1, 3, InputSize, InputSize);
        var size = InputSize;
        var x = ConvLayer(g, "input", w, "conv32_down", 2, same: false, relu: true);
        size = (size - 7) / 2 + 1;
        x = g.Node("MaxPool", [x], Attr.Ints("kernel_shape", 3, 3), Attr.Ints("strides", 2, 2));
        size = (size - 3) / 2 + 1;
        x = Residual(g, x, w, "conv32_1");
        x = Residual(g, x, w, "conv32_2");
        x = Residual(g, x, w, "conv32_3");
        (x, size) = ResidualDown(g, x, w, "conv64_down", size, padChannels: true);
        x = Residual(g, x, w, "conv64_1");
        x = Residual(g, x, w, "conv64_2");
        x = Residual(g, x, w, "conv64_3");
        (x, size) = ResidualDown(g, x, w, "conv128_down", size, padChannels: true);
        x = Residual(g, x, w, "conv128_1");
        x = Residual(g, x, w, "conv128_2");
        (x, size) = ResidualDown(g, x, w, "conv256_down", size, padChannels: true);
        x = Residual(g, x, w, "conv256_1");
        x = Residual(g, x, w, "conv256_2");
        (x, _) = ResidualDown(g, x, w, "conv256_down_out", size, padChannels: false);
        x = g.Node("GlobalAveragePool", [x]);
        x = g.Node("Flatten", [x], Attr.Int("axis", 1));
        var fc = w["fc"];
        var fcName = g.Initializer("fc", fc.Data, fc.Dim(0), fc.Dim(1));
        g.NodeTo("MatMul", [x, fcName], "descriptor");
        g.Output("descriptor", -1, FaceApiModels.DescriptorLength);
        return g.ToModelBytes();
    }

    private static string ConvLayer(OnnxGraph g, string x, TfjsWeights w, string prefix, int stride, bool same, bool relu)
    {
        var conv = TfLayers.Conv(g, x, w[$"{prefix}/conv/filters"], w[$"{prefix}/conv/bias"].Data, stride, same,
            w[$"{prefix}/scale/weights"].Data, w[$"{prefix}/scale/biases"].Data);
        return relu ? TfLayers.Relu(g, conv) : conv;
    }

    private static string Residual(OnnxGraph g, string x, TfjsWeights w, string prefix)
    {
        var o = ConvLayer(g, x, w, $"{prefix}/conv1", 1, same: true, relu: true);
        o = ConvLayer(g, o, w, $"{prefix}/conv2", 1, same: true, relu: false);
        return TfLayers.Relu(g, TfLayers.Add(g, o, x));
    }

    /// <summary>
    /// The downsampling residual: a 'valid' stride-2 conv, and a 2 x 2 average pool as the shortcut. When their sizes
    /// differ (odd maps), face-api.js pads the conv output with a zero row and column at the bottom and right; when the
    /// channel count doubles, the shortcut is padded with zero channels.
    /// </summary>
    private static (string Output, int Size) ResidualDown(OnnxGraph g, string x, TfjsWeights w, string prefix, int size, bool padChannels)
    {
        var o = ConvLayer(g, x, w, $"{prefix}/conv1", 2, same: false, relu: true);
        o = ConvLayer(g, o, w, $"{prefix}/conv2", 1, same: true, relu: false);
        var convSize = (size - 3) / 2 + 1;
        var poolSize = size / 2;
        var pooled = g.Node("AveragePool", [x], Attr.Ints("kernel_shape", 2, 2), Attr.Ints("strides", 2, 2));
        if (convSize != poolSize)
        {
            var d = poolSize - convSize;
            var pads = g.Int64Initializer("pad_hw", 0, 0, 0, 0, 0, 0, d, d);
            o = g.Node("Pad", [o, pads]);
        }
        if (padChannels)
        {
            var cout = w[$"{prefix}/conv1/conv/filters"].Dim(3);
            var cin = w[$"{prefix}/conv1/conv/filters"].Dim(2);
            var pads = g.Int64Initializer("pad_c", 0, 0, 0, 0, 0, cout - cin, 0, 0);
            pooled = g.Node("Pad", [pooled, pads]);
        }
        return (TfLayers.Relu(g, TfLayers.Add(g, pooled, o)), poolSize);
    }
}
