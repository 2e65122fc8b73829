using System.Runtime.InteropServices;
using Google.Protobuf;

namespace AttendanceBlazor.Recognition.Onnx;

/// <summary>
/// A tiny ONNX graph builder that writes ModelProto bytes field by field. We do not ship onnx.proto generated
/// classes: the handful of messages we need are small, and the field numbers are stable parts of the ONNX spec.
/// </summary>
internal sealed class OnnxGraph(string name)
{
    private const int IrVersion = 8;
    private const int Opset = 17;

    private readonly List<byte[]> _nodes = [];
    private readonly List<byte[]> _initializers = [];
    private readonly List<byte[]> _inputs = [];
    private readonly List<byte[]> _outputs = [];
    private readonly HashSet<string> _names = [];
    private int _counter;

    public string Unique(string hint)
    {
        var candidate = hint;
        while (!_names.Add(candidate))
        {
            candidate = $"{hint}_{++_counter}";
        }
        return candidate;
    }

    public string Initializer(string hint, ReadOnlySpan<float> data, params long[] dims)
    {
        var expected = dims.Aggregate(1L, (a, b) => a * b);
        if (expected != data.Length)
        {
            throw new InvalidOperationException($"Initializer {hint}: {data.Length} values for shape [{string.Join(",", dims)}].");
        }
        var tensorName = Unique(hint);
        _initializers.Add(Tensor(tensorName, 1, MemoryMarshal.AsBytes(data), dims));
        return tensorName;
    }

    /// <summary>A uint8, int8 or int32 tensor (the quantized graph's zero points, weights and biases); no dims is a scalar.</summary>
    public string Initializer<T>(string hint, ReadOnlySpan<T> data, params long[] dims) where T : unmanaged
    {
        var dataType = typeof(T) == typeof(byte) ? 2 : typeof(T) == typeof(sbyte) ? 3 : typeof(T) == typeof(int) ? 6
            : typeof(T) == typeof(float) ? 1 : throw new NotSupportedException($"No ONNX tensor type for {typeof(T).Name}.");
        var expected = dims.Aggregate(1L, (a, b) => a * b);
        if (expected != data.Length)
        {
            throw new InvalidOperationException($"Initializer {hint}: {data.Length} values for shape [{string.Join(",", dims)}].");
        }
        var tensorName = Unique(hint);
        _initializers.Add(Tensor(tensorName, dataType, MemoryMarshal.AsBytes(data), dims));
        return tensorName;
    }

    public string Int64Initializer(string hint, params long[] values)
    {
        var tensorName = Unique(hint);
        _initializers.Add(Tensor(tensorName, 7, MemoryMarshal.AsBytes(values.AsSpan()), [values.Length]));
        return tensorName;
    }

    public void Input(string inputName, params long[] dims) => _inputs.Add(ValueInfo(Unique(inputName), dims));

    public void Output(string outputName, params long[] dims) => _outputs.Add(ValueInfo(outputName, dims));

    public string Node(string opType, string[] inputs, params Attr[] attributes)
    {
        var output = Unique($"{opType.ToLowerInvariant()}_{_nodes.Count}");
        NodeTo(opType, inputs, output, attributes);
        return output;
    }

    public void NodeTo(string opType, string[] inputs, string output, params Attr[] attributes)
    {
        _names.Add(output);
        _nodes.Add(Message(o =>
        {
            foreach (var input in inputs)
            {
                o.WriteTag(1, WireFormat.WireType.LengthDelimited);
                o.WriteString(input);
            }
            o.WriteTag(2, WireFormat.WireType.LengthDelimited);
            o.WriteString(output);
            o.WriteTag(3, WireFormat.WireType.LengthDelimited);
            o.WriteString(output + "_node");
            o.WriteTag(4, WireFormat.WireType.LengthDelimited);
            o.WriteString(opType);
            foreach (var attribute in attributes)
            {
                WriteMessage(o, 5, attribute.Encode());
            }
        }));
    }

    public byte[] ToModelBytes() => Message(o =>
    {
        o.WriteTag(1, WireFormat.WireType.Varint);
        o.WriteInt64(IrVersion);
        o.WriteTag(2, WireFormat.WireType.LengthDelimited);
        o.WriteString("AttendanceBlazor");
        WriteMessage(o, 7, Message(g =>
        {
            foreach (var node in _nodes) WriteMessage(g, 1, node);
            g.WriteTag(2, WireFormat.WireType.LengthDelimited);
            g.WriteString(name);
            foreach (var init in _initializers) WriteMessage(g, 5, init);
            foreach (var input in _inputs) WriteMessage(g, 11, input);
            foreach (var output in _outputs) WriteMessage(g, 12, output);
        }));
        WriteMessage(o, 8, Message(op =>
        {
            op.WriteTag(1, WireFormat.WireType.LengthDelimited);
            op.WriteString("");
            op.WriteTag(2, WireFormat.WireType.Varint);
            op.WriteInt64(Opset);
        }));
    });

    private static byte[] Tensor(string tensorName, int dataType, ReadOnlySpan<byte> rawSpan, long[] dims)
    {
        var raw = ByteString.CopyFrom(rawSpan);
        return Message(o =>
    {
        foreach (var d in dims)
        {
            o.WriteTag(1, WireFormat.WireType.Varint);
            o.WriteInt64(d);
        }
        o.WriteTag(2, WireFormat.WireType.Varint);
        o.WriteInt32(dataType);
        o.WriteTag(8, WireFormat.WireType.LengthDelimited);
        o.WriteString(tensorName);
        o.WriteTag(9, WireFormat.WireType.LengthDelimited);
        o.WriteBytes(raw);
    }, raw.Length + 64);
    }

    /// <summary>A float tensor value info; a dimension of -1 is symbolic ("N").</summary>
    private static byte[] ValueInfo(string valueName, long[] dims) => Message(o =>
    {
        o.WriteTag(1, WireFormat.WireType.LengthDelimited);
        o.WriteString(valueName);
        WriteMessage(o, 2, Message(type => WriteMessage(type, 1, Message(tensor =>
        {
            tensor.WriteTag(1, WireFormat.WireType.Varint);
            tensor.WriteInt32(1);
            WriteMessage(tensor, 2, Message(shape =>
            {
                for (var i = 0; i < dims.Length; i++)
                {
                    WriteMessage(shape, 1, Message(dim =>
                    {
                        if (dims[i] < 0)
                        {
                            dim.WriteTag(2, WireFormat.WireType.LengthDelimited);
                            dim.WriteString($"d{i}");
                        }
                        else
                        {
                            dim.WriteTag(1, WireFormat.WireType.Varint);
                            dim.WriteInt64(dims[i]);
                        }
                    }));
                }
            }));
        }))));
    });

    internal static void WriteMessage(CodedOutputStream o, int field, byte[] message)
    {
        o.WriteTag(field, WireFormat.WireType.LengthDelimited);
        o.WriteBytes(ByteString.CopyFrom(message));
    }

    internal static byte[] Message(Action<CodedOutputStream> write, int capacity = 256)
    {
        using var stream = new MemoryStream(capacity);
        using (var output = new CodedOutputStream(stream, leaveOpen: true))
        {
            write(output);
        }
        return stream.ToArray();
    }
}
