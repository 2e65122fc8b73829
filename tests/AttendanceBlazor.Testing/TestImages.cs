using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using AttendanceBlazor.Recognition.Imaging;
using SkiaSharp;

namespace AttendanceBlazor.Testing;

/// <summary>Builds test images byte by byte, so each test knows exactly what the file holds.</summary>
public static class TestImages
{
    public static byte[] Encode(RgbImage image, SKEncodedImageFormat format, int quality = 95)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var rgba = new byte[image.Width * image.Height * 4];
        for (int i = 0, j = 0; i < image.Pixels.Length; i += 3, j += 4)
        {
            rgba[j] = image.Pixels[i];
            rgba[j + 1] = image.Pixels[i + 1];
            rgba[j + 2] = image.Pixels[i + 2];
            rgba[j + 3] = 255;
        }
        Marshal.Copy(rgba, 0, bitmap.GetPixels(), rgba.Length);
        using var data = bitmap.Encode(format, quality);
        return data.ToArray();
    }

    /// <summary>The photo at <paramref name="brightness"/> of its light (0.12: a room with the lights off), as a JPEG.</summary>
    public static byte[] Darkened(byte[] photo, float brightness) =>
        Redraw(photo, paint => paint.ColorFilter = SKColorFilter.CreateColorMatrix(
        [
            brightness, 0, 0, 0, 0,
            0, brightness, 0, 0, 0,
            0, 0, brightness, 0, 0,
            0, 0, 0, 1, 0,
        ]));

    /// <summary>The photo under a Gaussian blur of <paramref name="sigma"/> pixels (a camera out of focus, or moving), as a JPEG.</summary>
    public static byte[] Blurred(byte[] photo, float sigma) =>
        Redraw(photo, paint => paint.ImageFilter = SKImageFilter.CreateBlur(sigma, sigma, SKShaderTileMode.Clamp));

    private static byte[] Redraw(byte[] photo, Action<SKPaint> effect)
    {
        using var source = SKBitmap.Decode(photo) ?? throw new ArgumentException("not a photo", nameof(photo));
        using var target = new SKBitmap(source.Width, source.Height);
        using (var canvas = new SKCanvas(target))
        using (var paint = new SKPaint())
        {
            effect(paint);
            using var image = SKImage.FromBitmap(source);
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear), paint);
        }
        using var data = target.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    /// <summary>Inserts an EXIF APP1 segment with the given orientation right after the JPEG's SOI marker.</summary>
    public static byte[] WithExifOrientation(byte[] jpeg, ushort orientation, int padding = 0)
    {
        var tiff = new List<byte>();
        tiff.AddRange("MM"u8.ToArray());
        tiff.AddRange([0x00, 0x2A, 0x00, 0x00, 0x00, 0x08]);
        tiff.AddRange([0x00, 0x01]); // one IFD entry
        tiff.AddRange([0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, (byte)(orientation >> 8), (byte)orientation, 0x00, 0x00]);
        tiff.AddRange([0x00, 0x00, 0x00, 0x00]);
        tiff.AddRange(new byte[padding]);
        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var length = payload.Length + 2;
        var segment = new byte[] { 0xFF, 0xE1, (byte)(length >> 8), (byte)length }.Concat(payload);
        return jpeg.Take(2).Concat(segment).Concat(jpeg.Skip(2)).ToArray();
    }

    /// <summary>A PNG with the given colour type (0 grey, 2 RGB) and bit depth, filter 0 on every row.</summary>
    public static byte[] Png(int width, int height, int colorType, int bitDepth, Func<int, int, int, int> sample, CompressionLevel compression = CompressionLevel.Fastest)
    {
        var channels = colorType == 2 ? 3 : 1;
        var bytesPerSample = bitDepth / 8;
        var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0);
            for (var x = 0; x < width; x++)
            for (var c = 0; c < channels; c++)
            {
                var v = sample(x, y, c);
                if (bytesPerSample == 2) raw.WriteByte((byte)(v >> 8));
                raw.WriteByte((byte)v);
            }
        }
        var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, compression, leaveOpen: true)) raw.WriteTo(z);
        return PngFile(width, height, bitDepth, colorType, compressed.ToArray());
    }

    /// <summary>A PNG whose header claims a size, with a token IDAT: for limits checked before decoding.</summary>
    public static byte[] PngHeaderOnly(int width, int height) => PngFile(width, height, 8, 2, [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);

    private static byte[] PngFile(int width, int height, int bitDepth, int colorType, byte[] idat)
    {
        var file = new MemoryStream();
        file.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = (byte)bitDepth;
        ihdr[9] = (byte)colorType;
        Chunk(file, "IHDR", ihdr);
        Chunk(file, "IDAT", idat);
        Chunk(file, "IEND", []);
        return file.ToArray();
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        Span<byte> len = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(len, data.Length);
        s.Write(len);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        s.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(len, Crc32(typeAndData));
        s.Write(len);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return crc ^ 0xFFFFFFFFu;
    }

    /// <summary>An uncompressed 24-bit BMP (bottom-up BGR rows padded to four bytes).</summary>
    public static byte[] Bmp(RgbImage image)
    {
        var rowSize = (image.Width * 3 + 3) & ~3;
        var size = 54 + rowSize * image.Height;
        var bmp = new byte[size];
        bmp[0] = (byte)'B';
        bmp[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), size);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), image.Width);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), image.Height);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), 24);
        for (var y = 0; y < image.Height; y++)
        {
            var row = 54 + (image.Height - 1 - y) * rowSize;
            for (var x = 0; x < image.Width; x++)
            {
                var s = (y * image.Width + x) * 3;
                bmp[row + x * 3] = image.Pixels[s + 2];
                bmp[row + x * 3 + 1] = image.Pixels[s + 1];
                bmp[row + x * 3 + 2] = image.Pixels[s];
            }
        }
        return bmp;
    }

    /// <summary>A 1 x 1 GIF with two frames: red, then blue.</summary>
    public static byte[] TwoFrameGif() =>
    [
        .. "GIF89a"u8,
        0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00,
        0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF,
        0x21, 0xF9, 0x04, 0x00, 0x0A, 0x00, 0x00, 0x00,
        0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
        0x02, 0x02, 0x44, 0x01, 0x00,
        0x21, 0xF9, 0x04, 0x00, 0x0A, 0x00, 0x00, 0x00,
        0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
        0x02, 0x02, 0x4C, 0x01, 0x00,
        0x3B,
    ];

    /// <summary>Rotates by 90 degrees counter-clockwise: what a camera held sideways stores.</summary>
    public static RgbImage RotateCounterClockwise(RgbImage image)
    {
        int w = image.Width, h = image.Height;
        var dst = new byte[image.Pixels.Length];
        for (var y = 0; y < h; y++)
        for (var x = 0; x < w; x++)
        {
            // (x, y) goes to (y, w - 1 - x) in an h-wide image.
            var s = (y * w + x) * 3;
            var d = ((w - 1 - x) * h + y) * 3;
            dst[d] = image.Pixels[s];
            dst[d + 1] = image.Pixels[s + 1];
            dst[d + 2] = image.Pixels[s + 2];
        }
        return new RgbImage(h, w, dst);
    }
}
