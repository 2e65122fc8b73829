using AttendanceBlazor.Recognition.Imaging;

namespace AttendanceBlazor.Recognition.Pipeline;

/// <summary>A point in pixels of the upright image.</summary>
public readonly record struct PointD(double X, double Y);
