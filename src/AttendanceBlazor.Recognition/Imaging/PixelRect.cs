using SkiaSharp;

namespace AttendanceBlazor.Recognition.Imaging;

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
