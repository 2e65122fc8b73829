using SkiaSharp;

namespace AttendanceBlazor.Recognition.Imaging;

/// <summary>
/// An upright 8-bit RGB image. Held as opaque RGBA (four bytes a pixel, alpha 255), which is what the decoder
/// writes, so no per-pixel repacking sits on the recognition path; <see cref="Pixels"/> gives packed RGB on demand.
/// The decoder's pixels come from the shared array pool (a camera still's 3.7 MB would otherwise be a fresh
/// large-object allocation a still, which a busy server pays for in gen-2 collections and page faults): disposing the
/// image gives them back; an image not disposed is simply collected.
/// </summary>
public sealed class RgbImage : IDisposable
{
    private byte[]? _rgb;
    private byte[]? _pooled;

    /// <summary>An image from packed RGB bytes (three a pixel).</summary>
    public RgbImage(int width, int height, byte[] rgbPixels)
        : this(width, height, ToRgba(width, height, rgbPixels), rgba: true)
    {
        _rgb = rgbPixels;
    }

    internal RgbImage(int width, int height, byte[] rgbaPixels, bool rgba, bool pooled = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        // A pooled array may be longer than the image: only its first Width x Height x 4 bytes are the pixels.
        if (!rgba || (pooled ? rgbaPixels.Length < width * height * 4 : rgbaPixels.Length != width * height * 4))
        {
            throw new ArgumentException($"Expected {width * height * 4} bytes for {width} x {height} RGBA, got {rgbaPixels.Length}.", nameof(rgbaPixels));
        }
        Width = width;
        Height = height;
        Rgba = rgbaPixels;
        if (pooled) _pooled = rgbaPixels;
    }

    /// <summary>Bytes of <see cref="Rgba"/> that are pixels (the array may be longer).</summary>
    internal int Length => Width * Height * 4;

    /// <summary>Gives pooled pixels back; the image must not be used afterwards.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _pooled, null) is { } pooled) System.Buffers.ArrayPool<byte>.Shared.Return(pooled);
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>Opaque RGBA, rows top to bottom (the first <see cref="Length"/> bytes).</summary>
    internal byte[] Rgba { get; }

    /// <summary>Packed RGB, three bytes a pixel (computed once on first use).</summary>
    public byte[] Pixels => _rgb ??= ToRgb(Rgba, Length);

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

    private static byte[] ToRgb(byte[] rgba, int length)
    {
        var rgb = new byte[length / 4 * 3];
        for (int i = 0, j = 0; i < length; i += 4, j += 3)
        {
            rgb[j] = rgba[i];
            rgb[j + 1] = rgba[i + 1];
            rgb[j + 2] = rgba[i + 2];
        }
        return rgb;
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
        // Only the region's rows are copied into native memory (a whole camera still would be 3.7 MB a thumbnail).
        using var crop = new SKBitmap(new SKImageInfo(r.Width, r.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var target = crop.GetPixels();
        var rowBytes = r.Width * 4;
        for (var y = 0; y < r.Height; y++)
        {
            System.Runtime.InteropServices.Marshal.Copy(Rgba, ((r.Y + y) * Width + r.X) * 4, target + y * crop.RowBytes, rowBytes);
        }
        var scale = Math.Min(1.0, (double)maxSide / Math.Max(r.Width, r.Height));
        var info = new SKImageInfo(Math.Max(1, (int)Math.Round(r.Width * scale)), Math.Max(1, (int)Math.Round(r.Height * scale)), SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var scaled = crop.Resize(info, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)) ?? crop.Copy();
        using var data = scaled.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }

    private SKBitmap ToBitmap()
    {
        var bitmap = new SKBitmap(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        System.Runtime.InteropServices.Marshal.Copy(Rgba, 0, bitmap.GetPixels(), Length);
        return bitmap;
    }
}
