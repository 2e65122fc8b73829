using System.Buffers.Binary;

namespace AttendanceBlazor.Recognition.Imaging;

/// <summary>
/// Walks an image container's structure to tell a complete file from a truncated one. Skia's codecs fill the
/// rows a truncated JPEG lacks with grey and report success, and a half photo must not become someone's template.
/// </summary>
internal static class ContainerCheck
{
    public static bool IsComplete(string format, ReadOnlySpan<byte> data) => format switch
    {
        "JPEG" => JpegIsComplete(data),
        "PNG" => PngIsComplete(data),
        "WebP" => data.Length >= 8 && data.Length >= (long)BinaryPrimitives.ReadUInt32LittleEndian(data[4..]) + 8,
        "BMP" => BmpIsComplete(data),
        "GIF" => data[Math.Max(0, data.Length - 16)..].Contains((byte)0x3B),
        _ => true,
    };

    /// <summary>Segment by segment to the first scan, then through the entropy-coded data to the end-of-image marker.</summary>
    private static bool JpegIsComplete(ReadOnlySpan<byte> d)
    {
        var pos = 2;
        while (pos + 1 < d.Length)
        {
            if (d[pos] != 0xFF) return false;
            var marker = d[pos + 1];
            if (marker == 0xFF) { pos++; continue; }
            if (marker == 0xD9) return true;
            if (marker is >= 0xD0 and <= 0xD7 or 0x01) { pos += 2; continue; }
            if (pos + 3 >= d.Length) return false;
            var length = BinaryPrimitives.ReadUInt16BigEndian(d[(pos + 2)..]);
            pos += 2 + length;
            if (pos > d.Length) return false;
            if (marker != 0xDA) continue;
            // Entropy-coded data: 0xFF is stuffed as FF 00, and restart markers FF D0..D7 belong to the scan.
            while (true)
            {
                var ff = d[pos..].IndexOf((byte)0xFF);
                if (ff < 0 || pos + ff + 1 >= d.Length) return false;
                pos += ff;
                var next = d[pos + 1];
                if (next == 0x00 || next is >= 0xD0 and <= 0xD7 || next == 0xFF) { pos += next == 0xFF ? 1 : 2; continue; }
                break;
            }
        }
        return false;
    }

    private static bool PngIsComplete(ReadOnlySpan<byte> d)
    {
        var pos = 8;
        while (pos + 12 <= d.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(d[pos..]);
            if (length > int.MaxValue || pos + 12 + (long)length > d.Length) return false;
            if (d.Slice(pos + 4, 4).SequenceEqual("IEND"u8)) return true;
            pos += 12 + (int)length;
        }
        return false;
    }

    private static bool BmpIsComplete(ReadOnlySpan<byte> d)
    {
        var declared = BinaryPrimitives.ReadUInt32LittleEndian(d[2..]);
        var pixelOffset = BinaryPrimitives.ReadUInt32LittleEndian(d[10..]);
        return (declared == 0 || d.Length >= declared) && pixelOffset < d.Length;
    }
}
