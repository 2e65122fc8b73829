using System.Runtime.InteropServices;
using SkiaSharp;

namespace AttendanceBlazor.Recognition.Imaging;

/// <summary>Why an image was refused.</summary>
public enum ImageError
{
    Empty,
    TooManyBytes,
    TooManyPixels,
    NotAnImage,
    Truncated,
    Corrupt,
}
