using System.Buffers.Binary;
using System.Text;

namespace CircuitLoad;

/// <summary>
/// The little of MessagePack that SignalR's binary hub protocol needs: nil, booleans, integers, strings, binary,
/// arrays and maps, read into plain objects (long, string, byte[], object?[], Dictionary) and written back.
/// </summary>
internal static class MsgPack
{
    public static void Write(Stream s, object? value)
    {
        switch (value)
        {
            case null: s.WriteByte(0xc0); break;
            case bool b: s.WriteByte(b ? (byte)0xc3 : (byte)0xc2); break;
            case int i: WriteInt(s, i); break;
            case long l: WriteInt(s, l); break;
            case string str: WriteString(s, str); break;
            case byte[] bytes: WriteBinary(s, bytes); break;
            case object?[] array:
                WriteHeader(s, array.Length, 0x90, 0xdc, 0xdd);
                foreach (var item in array) Write(s, item);
                break;
            case Dictionary<string, object?> map:
                WriteHeader(s, map.Count, 0x80, 0xde, 0xdf);
                foreach (var (k, v) in map) { WriteString(s, k); Write(s, v); }
                break;
            default: throw new NotSupportedException(value.GetType().Name);
        }
    }

    private static void WriteHeader(Stream s, int count, byte fix, byte b16, byte b32)
    {
        if (count < 16) s.WriteByte((byte)(fix | count));
        else if (count <= ushort.MaxValue) { s.WriteByte(b16); WriteBig(s, (ushort)count, 2); }
        else { s.WriteByte(b32); WriteBig(s, (uint)count, 4); }
    }

    private static void WriteInt(Stream s, long v)
    {
        if (v >= 0 && v < 128) s.WriteByte((byte)v);
        else if (v >= int.MinValue && v <= int.MaxValue) { s.WriteByte(0xd2); WriteBig(s, unchecked((uint)(int)v), 4); }
        else { s.WriteByte(0xd3); WriteBig(s, unchecked((ulong)v), 8); }
    }

    private static void WriteString(Stream s, string str)
    {
        var bytes = Encoding.UTF8.GetBytes(str);
        if (bytes.Length < 32) s.WriteByte((byte)(0xa0 | bytes.Length));
        else if (bytes.Length <= byte.MaxValue) { s.WriteByte(0xd9); s.WriteByte((byte)bytes.Length); }
        else if (bytes.Length <= ushort.MaxValue) { s.WriteByte(0xda); WriteBig(s, (ushort)bytes.Length, 2); }
        else { s.WriteByte(0xdb); WriteBig(s, (uint)bytes.Length, 4); }
        s.Write(bytes);
    }

    private static void WriteBinary(Stream s, byte[] bytes)
    {
        if (bytes.Length <= byte.MaxValue) { s.WriteByte(0xc4); s.WriteByte((byte)bytes.Length); }
        else if (bytes.Length <= ushort.MaxValue) { s.WriteByte(0xc5); WriteBig(s, (ushort)bytes.Length, 2); }
        else { s.WriteByte(0xc6); WriteBig(s, (uint)bytes.Length, 4); }
        s.Write(bytes);
    }

    private static void WriteBig(Stream s, ulong v, int size)
    {
        for (var i = size - 1; i >= 0; i--) s.WriteByte((byte)(v >> (8 * i)));
    }

    public static object? Read(ReadOnlySpan<byte> data, ref int p)
    {
        var b = data[p++];
        if (b <= 0x7f) return (long)b;
        if (b >= 0xe0) return (long)(sbyte)b;
        if ((b & 0xe0) == 0xa0) return Str(data, ref p, b & 0x1f);
        if ((b & 0xf0) == 0x90) return Array(data, ref p, b & 0x0f);
        if ((b & 0xf0) == 0x80) return Map(data, ref p, b & 0x0f);
        switch (b)
        {
            case 0xc0: return null;
            case 0xc2: return false;
            case 0xc3: return true;
            case 0xc4: return Bin(data, ref p, data[p++]);
            case 0xc5: { var n = BinaryPrimitives.ReadUInt16BigEndian(data[p..]); p += 2; return Bin(data, ref p, n); }
            case 0xc6: { var n = (int)BinaryPrimitives.ReadUInt32BigEndian(data[p..]); p += 4; return Bin(data, ref p, n); }
            case 0xcc: return (long)data[p++];
            case 0xcd: { var v = BinaryPrimitives.ReadUInt16BigEndian(data[p..]); p += 2; return (long)v; }
            case 0xce: { var v = BinaryPrimitives.ReadUInt32BigEndian(data[p..]); p += 4; return (long)v; }
            case 0xcf: { var v = BinaryPrimitives.ReadUInt64BigEndian(data[p..]); p += 8; return (long)v; }
            case 0xd0: return (long)(sbyte)data[p++];
            case 0xd1: { var v = BinaryPrimitives.ReadInt16BigEndian(data[p..]); p += 2; return (long)v; }
            case 0xd2: { var v = BinaryPrimitives.ReadInt32BigEndian(data[p..]); p += 4; return (long)v; }
            case 0xd3: { var v = BinaryPrimitives.ReadInt64BigEndian(data[p..]); p += 8; return v; }
            case 0xd9: return Str(data, ref p, data[p++]);
            case 0xda: { var n = BinaryPrimitives.ReadUInt16BigEndian(data[p..]); p += 2; return Str(data, ref p, n); }
            case 0xdb: { var n = (int)BinaryPrimitives.ReadUInt32BigEndian(data[p..]); p += 4; return Str(data, ref p, n); }
            case 0xdc: { var n = BinaryPrimitives.ReadUInt16BigEndian(data[p..]); p += 2; return Array(data, ref p, n); }
            case 0xdd: { var n = (int)BinaryPrimitives.ReadUInt32BigEndian(data[p..]); p += 4; return Array(data, ref p, n); }
            case 0xde: { var n = BinaryPrimitives.ReadUInt16BigEndian(data[p..]); p += 2; return Map(data, ref p, n); }
            case 0xdf: { var n = (int)BinaryPrimitives.ReadUInt32BigEndian(data[p..]); p += 4; return Map(data, ref p, n); }
            default: throw new NotSupportedException($"MessagePack type 0x{b:x2}");
        }
    }

    private static string Str(ReadOnlySpan<byte> data, ref int p, int n)
    {
        var s = Encoding.UTF8.GetString(data.Slice(p, n));
        p += n;
        return s;
    }

    private static byte[] Bin(ReadOnlySpan<byte> data, ref int p, int n)
    {
        var b = data.Slice(p, n).ToArray();
        p += n;
        return b;
    }

    private static object?[] Array(ReadOnlySpan<byte> data, ref int p, int n)
    {
        var a = new object?[n];
        for (var i = 0; i < n; i++) a[i] = Read(data, ref p);
        return a;
    }

    private static Dictionary<string, object?> Map(ReadOnlySpan<byte> data, ref int p, int n)
    {
        var m = new Dictionary<string, object?>(n);
        for (var i = 0; i < n; i++)
        {
            var key = Read(data, ref p)?.ToString() ?? "";
            m[key] = Read(data, ref p);
        }
        return m;
    }
}
