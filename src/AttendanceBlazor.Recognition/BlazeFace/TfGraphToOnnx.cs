using AttendanceBlazor.Recognition.FaceApi;
using AttendanceBlazor.Recognition.Onnx;

namespace AttendanceBlazor.Recognition.BlazeFace;

/// <summary>
/// Converts a tfjs graph model of the operations a BlazeFace graph uses (Placeholder, Const, Identity, _FusedConv2D
/// with BiasAdd and Relu, DepthwiseConv2dNative, AddV2, Relu, MaxPool, Pad, Reshape) into an ONNX graph, in memory.
/// The graph's tensors are NHWC; the ONNX graph keeps them NCHW (as the other models here), so filters are transposed
/// once, Pad's paddings are permuted, and a Reshape (which reads its input in NHWC order) gets a Transpose before it.
/// TensorFlow's SAME padding is ONNX's SAME_UPPER. Anything else in the graph is refused by name.
/// </summary>
internal static class TfGraphToOnnx
{
    public static byte[] Convert(TfGraphModel model, string graphName, int inputSize, IReadOnlyList<string> outputs)
    {
        var g = new OnnxGraph(graphName);
        var byName = model.Nodes.ToDictionary(n => n.Name);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var input = model.Nodes.Single(n => n.Op == "Placeholder");
        g.Input(input.Name, -1, 3, inputSize, inputSize);
        values[input.Name] = input.Name;

        string Value(string name)
        {
            // "node:1" names a node's second output; these graphs use only first outputs.
            name = name.Split(':')[0];
            if (values.TryGetValue(name, out var v)) return v;
            var node = byName.TryGetValue(name, out var n) ? n : throw new ModelLoadException(model.Path, $"the graph names a node '{name}' it does not have");
            v = Emit(g, model, node, Value);
            values[name] = v;
            return v;
        }

        for (var i = 0; i < outputs.Count; i++)
        {
            var output = $"output_{i}";
            g.NodeTo("Identity", [Value(outputs[i])], output);
            g.Output(output, -1, -1, -1);
        }
        return g.ToModelBytes();
    }

    private static string Emit(OnnxGraph g, TfGraphModel model, TfNode node, Func<string, string> value)
    {
        var w = model.Weights;
        switch (node.Op)
        {
            case "Identity":
                return value(node.Inputs[0]);
            case "_FusedConv2D":
            {
                var fused = node.Strings("fused_ops");
                if (fused is not (["BiasAdd"] or ["BiasAdd", "Relu"])) throw Unsupported(model, node, $"fused ops {string.Join(",", fused)}");
                CheckDilations(model, node);
                var filter = w[node.Inputs[1]];
                var (weights, bias) = TfLayers.ConvWeights(filter, w[node.Inputs[2]].Data);
                int kh = filter.Dim(0), kw = filter.Dim(1), cin = filter.Dim(2), cout = filter.Dim(3);
                var conv = g.Node("Conv", [value(node.Inputs[0]), g.Initializer(node.Name + "_w", weights, cout, cin, kh, kw), g.Initializer(node.Name + "_b", bias, cout)],
                    Attr.Ints("kernel_shape", kh, kw), Attr.Ints("strides", Stride(model, node), Stride(model, node)), Attr.String("auto_pad", Padding(model, node)));
                return fused.Length == 2 ? g.Node("Relu", [conv]) : conv;
            }
            case "DepthwiseConv2dNative":
            {
                CheckDilations(model, node);
                var filter = w[node.Inputs[1]];
                var (weights, bias) = TfLayers.DepthwiseWeights(filter, null);
                int kh = filter.Dim(0), kw = filter.Dim(1), cin = filter.Dim(2);
                return g.Node("Conv", [value(node.Inputs[0]), g.Initializer(node.Name + "_w", weights, bias.Length, 1, kh, kw), g.Initializer(node.Name + "_b", bias, bias.Length)],
                    Attr.Ints("kernel_shape", kh, kw), Attr.Ints("strides", Stride(model, node), Stride(model, node)), Attr.Int("group", cin),
                    Attr.String("auto_pad", Padding(model, node)));
            }
            case "AddV2":
            case "Add":
                return g.Node("Add", [value(node.Inputs[0]), value(node.Inputs[1])]);
            case "Relu":
                return g.Node("Relu", [value(node.Inputs[0])]);
            case "MaxPool":
            {
                var k = node.Ints("ksize");
                var s = node.Ints("strides");
                return g.Node("MaxPool", [value(node.Inputs[0])], Attr.Ints("kernel_shape", k[1], k[2]), Attr.Ints("strides", s[1], s[2]),
                    Attr.String("auto_pad", Padding(model, node)));
            }
            case "Pad":
            {
                // [[n0, n1], [h0, h1], [w0, w1], [c0, c1]] in NHWC; ONNX wants all begins then all ends, in NCHW.
                var p = w[node.Inputs[1]].Data.Select(v => (long)v).ToArray();
                var pads = g.Int64Initializer(node.Name + "_pads", p[0], p[6], p[2], p[4], p[1], p[7], p[3], p[5]);
                return g.Node("Pad", [value(node.Inputs[0]), pads], Attr.String("mode", "constant"));
            }
            case "Reshape":
            {
                var shape = g.Int64Initializer(node.Name + "_shape", w[node.Inputs[1]].Data.Select(v => (long)v).ToArray());
                var nhwc = g.Node("Transpose", [value(node.Inputs[0])], Attr.Ints("perm", 0, 2, 3, 1));
                return g.Node("Reshape", [nhwc, shape]);
            }
            default:
                throw Unsupported(model, node, "its op");
        }
    }

    private static long Stride(TfGraphModel model, TfNode node)
    {
        var s = node.Ints("strides");
        if (s.Length != 4 || s[1] != s[2]) throw Unsupported(model, node, "strides " + string.Join(",", s));
        return s[1];
    }

    private static string Padding(TfGraphModel model, TfNode node) => node.String("padding") switch
    {
        "SAME" => "SAME_UPPER",
        "VALID" => "VALID",
        var other => throw Unsupported(model, node, $"padding {other}"),
    };

    private static void CheckDilations(TfGraphModel model, TfNode node)
    {
        if (node.Ints("dilations").Any(d => d != 1)) throw Unsupported(model, node, "dilations");
    }

    private static ModelLoadException Unsupported(TfGraphModel model, TfNode node, string what) =>
        new(model.Path, $"the graph in {model.Path} uses {node.Op} ({node.Name}) with {what}, which this converter does not read");
}
