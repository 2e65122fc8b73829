using AttendanceBlazor.Recognition.Imaging;

namespace AttendanceBlazor.Recognition.Pipeline;

/// <summary>A face box in pixels of the upright image, with the detector's score.</summary>
public readonly record struct FaceBox(double X, double Y, double Width, double Height, double Score)
{
    public double Area => Width * Height;
}
