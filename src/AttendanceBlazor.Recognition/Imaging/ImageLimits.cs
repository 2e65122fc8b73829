using System.Runtime.InteropServices;
using SkiaSharp;

namespace AttendanceBlazor.Recognition.Imaging;

/// <summary>Limits checked before any pixel is decoded.</summary>
public sealed record ImageLimits(long MaxBytes, long MaxPixels)
{
    public static ImageLimits Default { get; } = new(20 * 1024 * 1024, 16_000_000);
}
