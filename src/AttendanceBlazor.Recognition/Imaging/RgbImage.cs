using SkiaSharp;

namespace AttendanceBlazor.Recognition.Imaging;

/// <summary>
/// An upright 8-bit RGB image. Held as opaque RGBA (four bytes a pixel, alpha 255), which is what the decoder
/// writes, so no per-pixel repacking sits on the recognition path; <see cref="Pixels"/> gives packed RGB on demand.
/// </summary>
public sealed class RgbImage
{
    private byte[]? _rgb;

    /// <summary>An image from packed RGB bytes (three a pixel).</summary>
    public RgbImage(int width, int height, byte[] rgbPixels)
        : this(width, height, ToRgba(width, height, rgbPixels), rgba: true)
    {
        _rgb = rgbPixels;
    }

    internal RgbImage(int width, int height, byte[] rgbaPixels, bool rgba)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (!rgba || rgbaPixels.Length != width * height * 4)
        {
            throw new ArgumentException($"Expected {width * height * 4} bytes for {width} x {height} RGBA, got {rgbaPixels.Length}.", nameof(rgbaPixels));
        }
        Width = width;
        Height = height;
        Rgba = rgbaPixels;
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>Opaque RGBA, rows top to bottom.</summary>
    internal byte[] Rgba { get; }

    /// <summary>Packed RGB, three bytes a pixel (computed once on first use).</summary>
    public byte[] Pixels => _rgb ??= ToRgb(Rgba);

    private static byte[] ToRgba(int width, int height, byte[] rgb)
    {
        if (rgb.Length != width * height * 3)
        {
            throw new ArgumentException($"Expected {width * height * 3} bytes for {width} x {height} RGB, got {rgb.Length}.", nameof(rgb));
        }
        var rgba = new byte[width * height * 4];
        for (int i = 0, j = 0; i < rgb.Length; i += 3, j += 4)
        {
            rgba[j] = rgb[i];
            rgba[j + 1] = rgb[i + 1];
            rgba[j + 2] = rgb[i + 2];
            rgba[j + 3] = 255;
        }
        return rgba;
    }

    private static byte[] ToRgb(byte[] rgba)
    {
        var rgb = new byte[rgba.Length / 4 * 3];
        for (int i = 0, j = 0; i < rgba.Length; i += 4, j += 3)
        {
            rgb[j] = rgba[i];
            rgb[j + 1] = rgba[i + 1];
            rgb[j + 2] = rgba[i + 2];
        }
        return rgb;
    }

    /// <summary>The pixels of <paramref name="region"/> (clipped to the image), as an image of their own.</summary>
    public RgbImage Crop(PixelRect region)
    {
        var x0 = Math.Clamp(region.X, 0, Width - 1);
        var y0 = Math.Clamp(region.Y, 0, Height - 1);
        var w = Math.Clamp(region.X + region.Width, x0 + 1, Width) - x0;
        var h = Math.Clamp(region.Y + region.Height, y0 + 1, Height) - y0;
        var rgba = new byte[w * h * 4];
        for (var y = 0; y < h; y++)
        {
            Rgba.AsSpan(((y0 + y) * Width + x0) * 4, w * 4).CopyTo(rgba.AsSpan(y * w * 4, w * 4));
        }
        return new RgbImage(w, h, rgba, rgba: true);
    }

    /// <summary>The image mirrored left to right.</summary>
    public RgbImage FlipHorizontal()
    {
        var rgba = new byte[Rgba.Length];
        var source = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(Rgba);
        var target = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(rgba.AsSpan());
        for (var y = 0; y < Height; y++)
        {
            var row = source.Slice(y * Width, Width);
            var mirrored = target.Slice(y * Width, Width);
            row.CopyTo(mirrored);
            mirrored.Reverse();
        }
        return new RgbImage(Width, Height, rgba, rgba: true);
    }

    /// <summary>Lossless PNG of exactly these pixels (opaque, 8-bit RGB).</summary>
    public byte[] EncodePng()
    {
        using var bitmap = ToBitmap();
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>A JPEG of a region, scaled to fit <paramref name="maxSide"/>; used for face thumbnails.</summary>
    public byte[] EncodeJpegCrop(PixelRect region, int maxSide, int quality = 85)
    {
        var r = region.ClipTo(Width, Height);
        if (r.Width <= 0 || r.Height <= 0) return [];
        using var full = ToBitmap();
        using var crop = new SKBitmap(r.Width, r.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        full.ExtractSubset(crop, new SKRectI(r.X, r.Y, r.X + r.Width, r.Y + r.Height));
        var scale = Math.Min(1.0, (double)maxSide / Math.Max(r.Width, r.Height));
        var info = new SKImageInfo(Math.Max(1, (int)Math.Round(r.Width * scale)), Math.Max(1, (int)Math.Round(r.Height * scale)), SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var scaled = crop.Resize(info, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)) ?? crop.Copy();
        using var data = scaled.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }

    private SKBitmap ToBitmap()
    {
        var bitmap = new SKBitmap(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        System.Runtime.InteropServices.Marshal.Copy(Rgba, 0, bitmap.GetPixels(), Rgba.Length);
        return bitmap;
    }
}
