using System.Runtime.InteropServices;
using SkiaSharp;

namespace AttendanceBlazor.Recognition.Imaging;

/// <summary>An image that cannot be used, with a reason a person understands.</summary>
public sealed class ImageDecodeException(ImageError error, string message) : Exception(message)
{
    public ImageError Error { get; } = error;
}
