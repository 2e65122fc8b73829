using SkiaSharp;

namespace AttendanceBlazor.Recognition.Imaging;

/// <summary>An upright 8-bit RGB image, rows top to bottom, three bytes a pixel.</summary>
public sealed class RgbImage
{
    public RgbImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (pixels.Length != width * height * 3)
        {
            throw new ArgumentException($"Expected {width * height * 3} bytes for {width} x {height} RGB, got {pixels.Length}.", nameof(pixels));
        }
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }
    public int Height { get; }
    public byte[] Pixels { get; }

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
        var rgba = new byte[Width * Height * 4];
        for (int i = 0, j = 0; i < Pixels.Length; i += 3, j += 4)
        {
            rgba[j] = Pixels[i];
            rgba[j + 1] = Pixels[i + 1];
            rgba[j + 2] = Pixels[i + 2];
            rgba[j + 3] = 255;
        }
        System.Runtime.InteropServices.Marshal.Copy(rgba, 0, bitmap.GetPixels(), rgba.Length);
        return bitmap;
    }
}

/// <summary>An integer pixel rectangle.</summary>
public readonly record struct PixelRect(int X, int Y, int Width, int Height)
{
    public PixelRect ClipTo(int width, int height)
    {
        var x = Math.Clamp(X, 0, width);
        var y = Math.Clamp(Y, 0, height);
        var right = Math.Clamp(X + Width, 0, width);
        var bottom = Math.Clamp(Y + Height, 0, height);
        return new PixelRect(x, y, right - x, bottom - y);
    }
}
