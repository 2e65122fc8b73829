using AttendanceBlazor.Recognition.Onnx;

namespace AttendanceBlazor.Recognition.FaceApi;

/// <summary>
/// face-api.js FaceLandmark68Net (src/faceLandmarkNet, src/faceFeatureExtractor): four dense blocks of separable
/// convolutions on a 112 x 112 face, a 7 x 7 average pool and a fully connected layer to 68 (x, y) pairs in [0, 1].
/// </summary>
internal static class Landmark68Graph
{
    public const string ModelName = "face_landmark_68_model";
    public const int InputSize = 112;

    public static byte[] Build(TfjsWeights w)
    {
        var g = new OnnxGraph("face_landmark_68");
        g.Input("input", -1, 3, InputSize, InputSize);
        var x = DenseBlock4(g, "input", w, "dense0", isFirst: true);
        x = DenseBlock4(g, x, w, "dense1", isFirst: false);
        x = DenseBlock4(g, x, w, "dense2", isFirst: false);
        x = DenseBlock4(g, x, w, "dense3", isFirst: false);
        // avgPool 7x7 'valid' over the final 7x7 map is the global mean.
        x = g.Node("GlobalAveragePool", [x]);
        x = g.Node("Flatten", [x], Attr.Int("axis", 1));
        var fcW = w["fc/weights"];
        var fcWeights = g.Initializer("fc_w", fcW.Data, fcW.Dim(0), fcW.Dim(1));
        var fcBias = g.Initializer("fc_b", w["fc/bias"].Data, fcW.Dim(1));
        g.NodeTo("Gemm", [x, fcWeights, fcBias], "landmarks");
        g.Output("landmarks", -1, FaceApiModels.LandmarkOutputLength);
        return g.ToModelBytes();
    }

    private static string DenseBlock4(OnnxGraph g, string x, TfjsWeights w, string prefix, bool isFirst)
    {
        var out1 = isFirst
            ? TfLayers.Relu(g, TfLayers.Conv(g, x, w[$"{prefix}/conv0/filters"], w[$"{prefix}/conv0/bias"].Data, 2, same: true))
            : TfLayers.Relu(g, Separable(g, x, w, $"{prefix}/conv0", 2));
        var out2 = Separable(g, out1, w, $"{prefix}/conv1", 1);
        var in3 = TfLayers.Relu(g, TfLayers.Add(g, out1, out2));
        var out3 = Separable(g, in3, w, $"{prefix}/conv2", 1);
        var in4 = TfLayers.Relu(g, TfLayers.Add(g, out1, TfLayers.Add(g, out2, out3)));
        var out4 = Separable(g, in4, w, $"{prefix}/conv3", 1);
        return TfLayers.Relu(g, TfLayers.Add(g, out1, TfLayers.Add(g, out2, TfLayers.Add(g, out3, out4))));
    }

    private static string Separable(OnnxGraph g, string x, TfjsWeights w, string prefix, int stride) =>
        TfLayers.SeparableConv(g, x, w[$"{prefix}/depthwise_filter"], w[$"{prefix}/pointwise_filter"], w[$"{prefix}/bias"].Data, stride);
}
