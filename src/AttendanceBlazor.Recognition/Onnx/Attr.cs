using System.Runtime.InteropServices;
using Google.Protobuf;

namespace AttendanceBlazor.Recognition.Onnx;

/// <summary>An ONNX node attribute.</summary>
internal abstract record Attr(string Name)
{
    public static Attr Int(string name, long value) => new IntAttr(name, value);
    public static Attr Ints(string name, params long[] values) => new IntsAttr(name, values);
    public static Attr Float(string name, float value) => new FloatAttr(name, value);
    public static Attr String(string name, string value) => new StringAttr(name, value);

    public byte[] Encode() => OnnxGraph.Message(o =>
    {
        o.WriteTag(1, WireFormat.WireType.LengthDelimited);
        o.WriteString(Name);
        WriteValue(o);
    });

    protected abstract void WriteValue(CodedOutputStream o);

    private sealed record IntAttr(string N, long Value) : Attr(N)
    {
        protected override void WriteValue(CodedOutputStream o)
        {
            o.WriteTag(3, WireFormat.WireType.Varint);
            o.WriteInt64(Value);
            o.WriteTag(20, WireFormat.WireType.Varint);
            o.WriteInt32(2);
        }
    }

    private sealed record IntsAttr(string N, long[] Values) : Attr(N)
    {
        protected override void WriteValue(CodedOutputStream o)
        {
            foreach (var v in Values)
            {
                o.WriteTag(8, WireFormat.WireType.Varint);
                o.WriteInt64(v);
            }
            o.WriteTag(20, WireFormat.WireType.Varint);
            o.WriteInt32(7);
        }
    }

    private sealed record FloatAttr(string N, float Value) : Attr(N)
    {
        protected override void WriteValue(CodedOutputStream o)
        {
            o.WriteTag(2, WireFormat.WireType.Fixed32);
            o.WriteFloat(Value);
            o.WriteTag(20, WireFormat.WireType.Varint);
            o.WriteInt32(1);
        }
    }

    private sealed record StringAttr(string N, string Value) : Attr(N)
    {
        protected override void WriteValue(CodedOutputStream o)
        {
            o.WriteTag(4, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(ByteString.CopyFromUtf8(Value));
            o.WriteTag(20, WireFormat.WireType.Varint);
            o.WriteInt32(3);
        }
    }
}
