using SkiaSharp;

namespace AttendanceBlazor.Cli;

/// <summary>Helpers of `bench-liveness`: frames at the kiosk's sizes.</summary>
internal static class LivenessBench
{
    public static byte[] Resize(byte[] jpeg, int width)
    {
        using var source = SKBitmap.Decode(jpeg);
        var height = (int)Math.Round((double)source.Height * width / source.Width);
        using var resized = source.Resize(new SKImageInfo(width, height), new SKSamplingOptions(SKFilterMode.Linear));
        using var data = resized.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }
}
