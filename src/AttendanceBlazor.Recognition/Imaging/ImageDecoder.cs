using System.Runtime.InteropServices;
using SkiaSharp;

namespace AttendanceBlazor.Recognition.Imaging;

/// <summary>
/// Decodes JPEG, PNG (alpha, 16-bit, grayscale), WebP, BMP and GIF (first frame) with SkiaSharp into upright RGB.
/// The format comes from the bytes, never from a file name; EXIF orientation is applied; transparent pixels are
/// composited over white, as a person sees them on a page.
/// </summary>
public static class ImageDecoder
{
    /// <summary>
    /// Decodes <paramref name="data"/>. With <paramref name="atLeastPixels"/>, a JPEG or WebP larger than that is decoded
    /// straight to the smallest size the codec offers that still has that many pixels (a camera still, whose one face
    /// near the camera keeps more pixels than the nets use; JPEG decodes a half in a quarter of the time).
    /// </summary>
    public static RgbImage Decode(ReadOnlySpan<byte> data, ImageLimits? limits = null, long? atLeastPixels = null)
    {
        limits ??= ImageLimits.Default;
        if (data.IsEmpty)
        {
            throw new ImageDecodeException(ImageError.Empty, "the image is empty (0 bytes)");
        }
        if (data.Length > limits.MaxBytes)
        {
            throw new ImageDecodeException(ImageError.TooManyBytes, $"the image is too large: {data.Length:N0} bytes, the limit is {limits.MaxBytes:N0}");
        }
        var format = Sniff(data) ?? throw new ImageDecodeException(ImageError.NotAnImage,
            "not an image: the data is not JPEG, PNG, WebP, BMP or GIF");

        if (!ContainerCheck.IsComplete(format, data))
        {
            throw new ImageDecodeException(ImageError.Truncated, $"the {format} image is truncated: the data ends before the image does");
        }

        using var skData = SKData.CreateCopy(data);
        using var stream = new SKMemoryStream(skData);
        using var codec = SKCodec.Create(stream, out var createResult);
        if (codec is null)
        {
            throw createResult == SKCodecResult.IncompleteInput
                ? new ImageDecodeException(ImageError.Truncated, $"the {format} image is truncated")
                : new ImageDecodeException(ImageError.Corrupt, $"the {format} image is corrupt ({createResult})");
        }

        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0)
        {
            throw new ImageDecodeException(ImageError.Corrupt, $"the {format} image has no pixels ({width} x {height})");
        }
        if ((long)width * height > limits.MaxPixels)
        {
            // JPEG and WebP decode straight to a smaller size (a camera still larger than the limit loses only detail
            // the detector does not use); other formats would need the full image in memory first, so they are
            // refused from the header alone, before any pixel is decoded.
            (width, height) = format is "JPEG" or "WebP" ? ScaledSize(codec, limits.MaxPixels) : (0, 0);
            if (width == 0)
            {
                throw new ImageDecodeException(ImageError.TooManyPixels,
                    $"the image is too large: {codec.Info.Width} x {codec.Info.Height} pixels, the limit is {limits.MaxPixels / 1_000_000.0:0.#} megapixels" +
                    (format is "JPEG" or "WebP" ? "" : " (larger JPEG and WebP stills are scaled down; send one of those, or a smaller image)"));
            }
        }

        if (atLeastPixels is { } wanted && format is "JPEG" or "WebP" && (long)width * height > wanted) (width, height) = SmallestSize(codec, width, height, wanted);

        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        // From the pool (RgbImage gives it back when disposed); the codec writes every byte it is given, or fails.
        var rgba = System.Buffers.ArrayPool<byte>.Shared.Rent(info.BytesSize);
        var image = new RgbImage(width, height, rgba, rgba: true, pooled: true);
        var handle = GCHandle.Alloc(rgba, GCHandleType.Pinned);
        SKCodecResult result;
        try
        {
            result = codec.GetPixels(info, handle.AddrOfPinnedObject());
        }
        finally
        {
            handle.Free();
        }
        switch (result)
        {
            case SKCodecResult.Success:
                break;
            case SKCodecResult.IncompleteInput:
                image.Dispose();
                throw new ImageDecodeException(ImageError.Truncated, $"the {format} image is truncated");
            default:
                image.Dispose();
                throw new ImageDecodeException(ImageError.Corrupt, $"the {format} image is corrupt ({result})");
        }

        if (codec.Info.AlphaType != SKAlphaType.Opaque) FlattenOverWhite(rgba, image.Length);
        return Orient(image, codec.EncodedOrigin);
    }

    /// <summary>
    /// The largest size the codec decodes to directly within <paramref name="maxPixels"/> (JPEG in eighths, WebP at
    /// any scale), or (0, 0) when even an eighth is too large.
    /// </summary>
    private static (int Width, int Height) ScaledSize(SKCodec codec, long maxPixels)
    {
        var full = (double)codec.Info.Width * codec.Info.Height;
        for (var scale = Math.Sqrt(maxPixels / full); scale >= 1.0 / 8; scale *= 0.95)
        {
            var size = codec.GetScaledDimensions((float)scale);
            if (size.Width > 0 && size.Height > 0 && (long)size.Width * size.Height <= maxPixels) return (size.Width, size.Height);
        }
        return (0, 0);
    }

    /// <summary>The smallest size the codec decodes to directly (JPEG in eighths) with at least <paramref name="wanted"/> pixels, at most the given one.</summary>
    private static (int Width, int Height) SmallestSize(SKCodec codec, int width, int height, long wanted)
    {
        var best = (width, height);
        for (var eighths = 7; eighths >= 1; eighths--)
        {
            var size = codec.GetScaledDimensions(eighths / 8f);
            if (size.Width <= 0 || size.Height <= 0 || (long)size.Width * size.Height < wanted) break;
            if ((long)size.Width * size.Height < (long)best.width * best.height) best = (size.Width, size.Height);
        }
        return best;
    }

    /// <summary>The container format from the magic bytes, or null.</summary>
    public static string? Sniff(ReadOnlySpan<byte> d)
    {
        if (d.Length >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF) return "JPEG";
        if (d.Length >= 8 && d[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return "PNG";
        if (d.Length >= 6 && d[0] == 'G' && d[1] == 'I' && d[2] == 'F' && d[3] == '8') return "GIF";
        if (d.Length >= 12 && d[0] == 'R' && d[1] == 'I' && d[2] == 'F' && d[3] == 'F' && d[8] == 'W' && d[9] == 'E' && d[10] == 'B' && d[11] == 'P') return "WebP";
        if (d.Length >= 14 && d[0] == 'B' && d[1] == 'M') return "BMP";
        return null;
    }

    /// <summary>Composites unpremultiplied RGBA over white in place: out = c * a + 255 * (1 - a), rounded.</summary>
    private static void FlattenOverWhite(byte[] rgba, int length)
    {
        for (var i = 0; i < length; i += 4)
        {
            var a = rgba[i + 3];
            if (a == 255) continue;
            var inv = 255 - a;
            rgba[i] = (byte)((rgba[i] * a + 255 * inv + 127) / 255);
            rgba[i + 1] = (byte)((rgba[i + 1] * a + 255 * inv + 127) / 255);
            rgba[i + 2] = (byte)((rgba[i + 2] * a + 255 * inv + 127) / 255);
            rgba[i + 3] = 255;
        }
    }

    /// <summary>Applies the EXIF orientation so that the result is upright.</summary>
    internal static RgbImage Orient(RgbImage image, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or 0) return image;
        int w = image.Width, h = image.Height;
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        int ow = swap ? h : w, oh = swap ? w : h;
        var src = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(image.Rgba.AsSpan(0, image.Length));
        var dstBytes = GC.AllocateUninitializedArray<byte>(image.Length);
        var dst = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(dstBytes.AsSpan());
        for (var y = 0; y < h; y++)
        for (var x = 0; x < w; x++)
        {
            var (nx, ny) = origin switch
            {
                SKEncodedOrigin.TopRight => (w - 1 - x, y),
                SKEncodedOrigin.BottomRight => (w - 1 - x, h - 1 - y),
                SKEncodedOrigin.BottomLeft => (x, h - 1 - y),
                SKEncodedOrigin.LeftTop => (y, x),
                SKEncodedOrigin.RightTop => (h - 1 - y, x),
                SKEncodedOrigin.RightBottom => (h - 1 - y, w - 1 - x),
                SKEncodedOrigin.LeftBottom => (y, w - 1 - x),
                _ => (x, y),
            };
            dst[ny * ow + nx] = src[y * w + x];
        }
        image.Dispose();
        return new RgbImage(ow, oh, dstBytes, rgba: true);
    }
}
