using System.Text;
using System.Text.Json;
using AttendanceBlazor.Recognition.FaceApi;

namespace AttendanceBlazor.Recognition.BlazeFace;

/// <summary>One node of a TensorFlow graph as tfjs stores it: its op, its inputs (node names) and its attributes.</summary>
internal sealed record TfNode(string Name, string Op, IReadOnlyList<string> Inputs, JsonElement Attributes)
{
    /// <summary>A string attribute (tfjs keeps them base64-encoded).</summary>
    public string? String(string name) =>
        Attributes.ValueKind == JsonValueKind.Object && Attributes.TryGetProperty(name, out var a) && a.TryGetProperty("s", out var s)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(s.GetString()!))
            : null;

    /// <summary>An integer-list attribute (strides, ksize, dilations).</summary>
    public long[] Ints(string name) =>
        Attributes.ValueKind == JsonValueKind.Object && Attributes.TryGetProperty(name, out var a) && a.TryGetProperty("list", out var l) && l.TryGetProperty("i", out var i)
            ? i.EnumerateArray().Select(v => long.Parse(v.GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToArray()
            : [];

    /// <summary>A string-list attribute (a fused convolution's fused ops), decoded.</summary>
    public string[] Strings(string name) =>
        Attributes.ValueKind == JsonValueKind.Object && Attributes.TryGetProperty(name, out var a) && a.TryGetProperty("list", out var l) && l.TryGetProperty("s", out var s)
            ? s.EnumerateArray().Select(v => Encoding.UTF8.GetString(Convert.FromBase64String(v.GetString()!))).ToArray()
            : [];
}

/// <summary>
/// A tfjs graph model (model.json with its graph and weights manifest, and the .bin shards beside it), as
/// @vladmandic/human ships MediaPipe's BlazeFace: read as it is, for <see cref="TfGraphToOnnx"/> to convert.
/// </summary>
internal sealed class TfGraphModel
{
    private TfGraphModel(string path, IReadOnlyList<TfNode> nodes, TfjsWeights weights)
    {
        Path = path;
        Nodes = nodes;
        Weights = weights;
    }

    public string Path { get; }

    public IReadOnlyList<TfNode> Nodes { get; }

    public TfjsWeights Weights { get; }

    public static TfGraphModel Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ModelLoadException(path, $"model file not found: {path}. Build the solution (it fetches the models with npm) or set Recognition:ModelDirectory");
        }
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = json.RootElement;
            if (root.GetProperty("format").GetString() != "graph-model")
            {
                throw new ModelLoadException(path, $"model file is not a tfjs graph model: {path}");
            }
            var nodes = root.GetProperty("modelTopology").GetProperty("node").EnumerateArray().Select(n => new TfNode(
                n.GetProperty("name").GetString()!,
                n.GetProperty("op").GetString()!,
                n.TryGetProperty("input", out var inputs) ? inputs.EnumerateArray().Select(i => i.GetString()!).ToList() : [],
                n.TryGetProperty("attr", out var attr) ? attr.Clone() : default)).ToList();
            var weights = TfjsWeights.Read(path, System.IO.Path.GetDirectoryName(path)!, root.GetProperty("weightsManifest"));
            return new TfGraphModel(path, nodes, weights);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ModelLoadException(path, $"model file is corrupt: {path} is not a readable tfjs graph model ({ex.Message})", ex);
        }
    }
}
