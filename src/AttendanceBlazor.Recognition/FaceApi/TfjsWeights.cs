using System.Text.Json;

namespace AttendanceBlazor.Recognition.FaceApi;

/// <summary>
/// Reads a TensorFlow.js weights manifest and its .bin shards. Quantized entries are dequantized the way tfjs does
/// it (value = q * scale + min, rounded to float32), so the converted graph holds exactly the weights face-api.js uses.
/// </summary>
internal sealed class TfjsWeights
{
    private readonly Dictionary<string, TfTensor> _tensors;

    private TfjsWeights(string manifestPath, Dictionary<string, TfTensor> tensors)
    {
        ManifestPath = manifestPath;
        _tensors = tensors;
    }

    public string ManifestPath { get; }

    public bool Contains(string name) => _tensors.ContainsKey(name);

    public TfTensor this[string name] => _tensors.TryGetValue(name, out var t)
        ? t
        : throw new ModelLoadException(ManifestPath, $"the weight '{name}' is missing from {Path.GetFileName(ManifestPath)}");

    public static TfjsWeights Load(string directory, string modelName)
    {
        var manifestPath = Path.Combine(directory, $"{modelName}-weights_manifest.json");
        if (!File.Exists(manifestPath))
        {
            throw new ModelLoadException(manifestPath, $"model file not found: {manifestPath}. Build the solution (it fetches the models with npm) or set Recognition:ModelDirectory");
        }

        List<ManifestGroup>? groups;
        try
        {
            groups = JsonSerializer.Deserialize<List<ManifestGroup>>(File.ReadAllBytes(manifestPath), JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new ModelLoadException(manifestPath, $"model file is corrupt: {manifestPath} is not a valid weights manifest ({ex.Message})", ex);
        }
        return Read(manifestPath, directory, groups);
    }

    /// <summary>The weights a graph model's own JSON lists under "weightsManifest" (a tfjs graph model keeps its manifest inside).</summary>
    public static TfjsWeights Read(string manifestPath, string directory, JsonElement weightsManifest)
    {
        List<ManifestGroup>? groups;
        try
        {
            groups = weightsManifest.Deserialize<List<ManifestGroup>>(JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new ModelLoadException(manifestPath, $"model file is corrupt: {manifestPath} has no valid weights manifest ({ex.Message})", ex);
        }
        return Read(manifestPath, directory, groups);
    }

    private static TfjsWeights Read(string manifestPath, string directory, List<ManifestGroup>? groups)
    {
        if (groups is null || groups.Count == 0)
        {
            throw new ModelLoadException(manifestPath, $"model file is corrupt: {manifestPath} lists no weights");
        }

        var tensors = new Dictionary<string, TfTensor>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var buffer = ReadShards(directory, group.Paths ?? []);
            var offset = 0;
            foreach (var w in group.Weights ?? [])
            {
                var shape = w.Shape ?? [];
                var count = shape.Aggregate(1, (a, b) => a * b);
                var data = new float[count];
                var source = w.Quantization?.Dtype ?? w.Dtype;
                var bytes = source switch
                {
                    "uint8" => count,
                    "uint16" or "float16" => count * 2,
                    "float32" or "int32" => count * 4,
                    _ => throw new ModelLoadException(manifestPath, $"model file uses an unsupported weight type '{source}' for '{w.Name}'"),
                };
                if (offset + bytes > buffer.Length)
                {
                    var shard = Path.Combine(directory, group.Paths?.FirstOrDefault() ?? "?");
                    throw new ModelLoadException(shard, $"model file is corrupt or truncated: {shard} ends before weight '{w.Name}'");
                }
                var span = buffer.AsSpan(offset, bytes);
                if (w.Quantization is { } q && q.Dtype == "uint8")
                {
                    for (var i = 0; i < count; i++) data[i] = (float)(span[i] * q.Scale + q.Min);
                }
                else if (w.Quantization is { } q16 && q16.Dtype == "uint16")
                {
                    for (var i = 0; i < count; i++) data[i] = (float)(BitConverter.ToUInt16(span.Slice(i * 2, 2)) * q16.Scale + q16.Min);
                }
                else if (w.Dtype == "int32")
                {
                    for (var i = 0; i < count; i++) data[i] = BitConverter.ToInt32(span.Slice(i * 4, 4));
                }
                else if (source == "float32")
                {
                    for (var i = 0; i < count; i++) data[i] = BitConverter.ToSingle(span.Slice(i * 4, 4));
                }
                else
                {
                    throw new ModelLoadException(manifestPath, $"model file uses an unsupported quantization '{source}' for '{w.Name}'");
                }
                offset += bytes;
                tensors[w.Name ?? ""] = new TfTensor(w.Name ?? "", data, shape);
            }
            if (offset != buffer.Length)
            {
                var shard = Path.Combine(directory, group.Paths?.FirstOrDefault() ?? "?");
                throw new ModelLoadException(shard, $"model file is corrupt: {shard} holds {buffer.Length} bytes, the manifest describes {offset}");
            }
        }
        return new TfjsWeights(manifestPath, tensors);
    }

    private static byte[] ReadShards(string directory, IReadOnlyList<string> paths)
    {
        using var all = new MemoryStream();
        foreach (var p in paths)
        {
            var file = Path.Combine(directory, p);
            if (!File.Exists(file))
            {
                throw new ModelLoadException(file, $"model file not found: {file}. Build the solution (it fetches the models with npm) or set Recognition:ModelDirectory");
            }
            using var s = File.OpenRead(file);
            s.CopyTo(all);
        }
        return all.ToArray();
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    private sealed record ManifestGroup(List<string>? Paths, List<ManifestWeight>? Weights);

    private sealed record ManifestWeight(string? Name, int[]? Shape, string Dtype, Quantization? Quantization);

    private sealed record Quantization(double Scale, double Min, string Dtype);
}
