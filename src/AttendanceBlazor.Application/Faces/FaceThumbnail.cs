using AttendanceBlazor.Recognition.Imaging;
using AttendanceBlazor.Recognition.Pipeline;

namespace AttendanceBlazor.Application.Faces;

public static class FaceThumbnail
{
    /// <summary>Enough to recognise someone in a list, no more.</summary>
    public const int MaxSide = 160;

    /// <summary>Margin around the face box, as a share of its size on each side.</summary>
    public const double Margin = 0.2;

    public static byte[] Encode(RgbImage image, FaceBox box)
    {
        var region = new PixelRect(
            (int)Math.Floor(box.X - box.Width * Margin), (int)Math.Floor(box.Y - box.Height * Margin),
            (int)Math.Ceiling(box.Width * (1 + 2 * Margin)), (int)Math.Ceiling(box.Height * (1 + 2 * Margin)));
        return image.EncodeJpegCrop(region, MaxSide);
    }
}
