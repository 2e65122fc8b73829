using AttendanceBlazor.Recognition.Onnx;

namespace AttendanceBlazor.Recognition.FaceApi;

/// <summary>
/// face-api.js SsdMobilenetv1 (src/ssdMobilenetv1): MobileNet v1 with batch norm, an SSD head of six box predictors.
/// The graph ends at raw box encodings [N, 5118, 4] and class logits [N, 5118, 3]; decoding against the prior boxes
/// and non-maximum suppression are plain code in face-api.js and are ported in <see cref="SsdPostProcessing"/>.
/// </summary>
internal static class SsdMobilenetV1Graph
{
    public const string ModelName = "ssd_mobilenetv1_model";
    public const int InputSize = 512;
    private const float BatchNormEpsilon = 0.0010000000474974513f;

    public static (byte[] Model, float[] Priors) Build(TfjsWeights w)
    {
        var g = new OnnxGraph("ssd_mobilenetv1");
        g.Input("input", -1, 3, InputSize, InputSize);

        var x = Pointwise(g, "input", w, "MobilenetV1", 0, 2);
        string? conv11 = null;
        for (var layer = 1; layer <= 13; layer++)
        {
            var stride = layer is 2 or 4 or 6 or 12 ? 2 : 1;
            var prefix = $"MobilenetV1/Conv2d_{layer}_depthwise";
            var gamma = w[$"{prefix}/BatchNorm/gamma"].Data;
            var beta = w[$"{prefix}/BatchNorm/beta"].Data;
            var mean = w[$"{prefix}/BatchNorm/moving_mean"].Data;
            var variance = w[$"{prefix}/BatchNorm/moving_variance"].Data;
            // batchNorm(x) = (x - mean) * gamma / sqrt(var + eps) + beta, folded into the depthwise filter.
            var scale = new float[gamma.Length];
            var shift = new float[gamma.Length];
            for (var c = 0; c < gamma.Length; c++)
            {
                scale[c] = gamma[c] / MathF.Sqrt(variance[c] + BatchNormEpsilon);
                shift[c] = beta[c] - mean[c] * scale[c];
            }
            x = TfLayers.Relu6(g, TfLayers.Depthwise(g, x, w[$"{prefix}/depthwise_weights"], null, stride, scale, shift));
            x = Pointwise(g, x, w, "MobilenetV1", layer, 1);
            if (layer == 11) conv11 = x;
        }

        var c0 = Pointwise(g, x, w, "Prediction", 0, 1);
        var c1 = Pointwise(g, c0, w, "Prediction", 1, 2);
        var c2 = Pointwise(g, c1, w, "Prediction", 2, 1);
        var c3 = Pointwise(g, c2, w, "Prediction", 3, 2);
        var c4 = Pointwise(g, c3, w, "Prediction", 4, 1);
        var c5 = Pointwise(g, c4, w, "Prediction", 5, 2);
        var c6 = Pointwise(g, c5, w, "Prediction", 6, 1);
        var c7 = Pointwise(g, c6, w, "Prediction", 7, 2);

        string[] sources = [conv11!, x, c1, c3, c5, c7];
        var boxes = new string[6];
        var classes = new string[6];
        var boxShape = g.Int64Initializer("box_shape", 0, -1, 4);
        var classShape = g.Int64Initializer("class_shape", 0, -1, 3);
        for (var i = 0; i < 6; i++)
        {
            boxes[i] = Predictor(g, sources[i], w, $"Prediction/BoxPredictor_{i}/BoxEncodingPredictor", boxShape);
            classes[i] = Predictor(g, sources[i], w, $"Prediction/BoxPredictor_{i}/ClassPredictor", classShape);
        }
        g.NodeTo("Concat", boxes, "box_encodings", Attr.Int("axis", 1));
        g.NodeTo("Concat", classes, "class_logits", Attr.Int("axis", 1));
        g.Output("box_encodings", -1, -1, 4);
        g.Output("class_logits", -1, -1, 3);

        var priors = w["Output/extra_dim"];
        return (g.ToModelBytes(), priors.Data);
    }

    private static string Pointwise(OnnxGraph g, string x, TfjsWeights w, string prefix, int index, int stride)
    {
        var p = $"{prefix}/Conv2d_{index}_pointwise";
        return TfLayers.Relu6(g, TfLayers.Conv(g, x, w[$"{p}/weights"], w[$"{p}/convolution_bn_offset"].Data, stride, same: true));
    }

    /// <summary>A 1x1 conv whose NHWC output is flattened the way tf.reshape sees it: transpose to NHWC, then reshape.</summary>
    private static string Predictor(OnnxGraph g, string x, TfjsWeights w, string prefix, string shape)
    {
        var conv = TfLayers.Conv(g, x, w[$"{prefix}/weights"], w[$"{prefix}/biases"].Data, 1, same: true);
        var nhwc = g.Node("Transpose", [conv], Attr.Ints("perm", 0, 2, 3, 1));
        return g.Node("Reshape", [nhwc, shape]);
    }
}
