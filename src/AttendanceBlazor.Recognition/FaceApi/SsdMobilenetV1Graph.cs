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

    /// <summary>
    /// The detector graph and its prior boxes. <paramref name="quantized"/> builds the fast mode: the same network
    /// with 8-bit convolutions (docs/decisions/008-fast-detector.md); otherwise float32 as face-api.js computes it.
    /// </summary>
    public static (byte[] Model, float[] Priors) Build(TfjsWeights w, bool quantized = false, bool? signedWeights = null)
    {
        var g = new OnnxGraph(quantized ? "ssd_mobilenetv1_int8" : "ssd_mobilenetv1");
        g.Input("input", -1, 3, InputSize, InputSize);
        return quantized
            ? Build(g, w, new Int8Layers(g, signedWeights ?? QuantizedLayers.SignedWeightsAreExact))
            : Build(g, w, new FloatLayers(g));
    }

    private static (byte[] Model, float[] Priors) Build<T>(OnnxGraph g, TfjsWeights w, ILayers<T> layers)
    {
        var x = layers.FirstConvRelu6("input", w["MobilenetV1/Conv2d_0_pointwise/weights"], w["MobilenetV1/Conv2d_0_pointwise/convolution_bn_offset"].Data);
        var conv11 = x;
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
            x = layers.DepthwiseRelu6(x, w[$"{prefix}/depthwise_weights"], stride, scale, shift);
            x = Pointwise(layers, x, w, "MobilenetV1", layer, 1);
            if (layer == 11) conv11 = x;
        }

        var c0 = Pointwise(layers, x, w, "Prediction", 0, 1);
        var c1 = Pointwise(layers, c0, w, "Prediction", 1, 2);
        var c2 = Pointwise(layers, c1, w, "Prediction", 2, 1);
        var c3 = Pointwise(layers, c2, w, "Prediction", 3, 2);
        var c4 = Pointwise(layers, c3, w, "Prediction", 4, 1);
        var c5 = Pointwise(layers, c4, w, "Prediction", 5, 2);
        var c6 = Pointwise(layers, c5, w, "Prediction", 6, 1);
        var c7 = Pointwise(layers, c6, w, "Prediction", 7, 2);

        // The six heads are small and their outputs unbounded: they stay float in both modes.
        var sources = new[] { conv11, x, c1, c3, c5, c7 }.Select(layers.ToFloat).ToArray();
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

    private static T Pointwise<T>(ILayers<T> layers, T x, TfjsWeights w, string prefix, int index, int stride)
    {
        var p = $"{prefix}/Conv2d_{index}_pointwise";
        return layers.ConvRelu6(x, w[$"{p}/weights"], w[$"{p}/convolution_bn_offset"].Data, stride);
    }

    /// <summary>The backbone's layers, each followed by ReLU6, in float32 (reference) or 8 bits (fast).</summary>
    private interface ILayers<T>
    {
        /// <summary>The first 3 x 3, stride 2 convolution, from the float input.</summary>
        T FirstConvRelu6(string input, TfTensor filter, float[] bias);
        T ConvRelu6(T x, TfTensor filter, float[] bias, int stride);
        T DepthwiseRelu6(T x, TfTensor filter, int stride, float[] scale, float[] shift);
        string ToFloat(T x);
    }

    private sealed class FloatLayers(OnnxGraph g) : ILayers<string>
    {
        public string FirstConvRelu6(string input, TfTensor filter, float[] bias) => ConvRelu6(input, filter, bias, 2);

        public string ConvRelu6(string x, TfTensor filter, float[] bias, int stride) =>
            TfLayers.Relu6(g, TfLayers.Conv(g, x, filter, bias, stride, same: true));

        public string DepthwiseRelu6(string x, TfTensor filter, int stride, float[] scale, float[] shift) =>
            TfLayers.Relu6(g, TfLayers.Depthwise(g, x, filter, null, stride, scale, shift));

        public string ToFloat(string x) => x;
    }

    private sealed class Int8Layers(OnnxGraph g, bool signedWeights) : ILayers<QTensor>
    {
        private readonly (string Scale, string ZeroPoint) _relu6 = QuantizedLayers.Relu6Quantization(g);

        public QTensor FirstConvRelu6(string input, TfTensor filter, float[] bias)
        {
            // The input is x / 127.5 - 1: as uint8 with scale 1/127.5 and zero point 128 it is the pixel again, give
            // or take the half level of the bilinear resize.
            return ConvRelu6(QuantizedLayers.QuantizeInput(g, input, 1f / 127.5f, 128), filter, bias, 2);
        }

        public QTensor ConvRelu6(QTensor x, TfTensor filter, float[] bias, int stride)
        {
            var (weights, b) = TfLayers.ConvWeights(filter, bias);
            return QuantizedLayers.ConvRelu6(g, x, weights, b, filter.Dim(0), filter.Dim(1), stride, group: 1, signedWeights, _relu6);
        }

        public QTensor DepthwiseRelu6(QTensor x, TfTensor filter, int stride, float[] scale, float[] shift)
        {
            var (weights, b) = TfLayers.DepthwiseWeights(filter, null, scale, shift);
            return QuantizedLayers.ConvRelu6(g, x, weights, b, filter.Dim(0), filter.Dim(1), stride, group: filter.Dim(2), signedWeights, _relu6);
        }

        public string ToFloat(QTensor x) => QuantizedLayers.Dequantize(g, x);
    }

    /// <summary>A 1x1 conv whose NHWC output is flattened the way tf.reshape sees it: transpose to NHWC, then reshape.</summary>
    private static string Predictor(OnnxGraph g, string x, TfjsWeights w, string prefix, string shape)
    {
        var conv = TfLayers.Conv(g, x, w[$"{prefix}/weights"], w[$"{prefix}/biases"].Data, 1, same: true);
        var nhwc = g.Node("Transpose", [conv], Attr.Ints("perm", 0, 2, 3, 1));
        return g.Node("Reshape", [nhwc, shape]);
    }
}
