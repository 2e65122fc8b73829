using AttendanceBlazor.Recognition.Imaging;

namespace AttendanceBlazor.Recognition.Pipeline;

/// <summary>Detector thresholds, settable per call.</summary>
public sealed record DetectionSettings(double MinScore = 0.5, double IouThreshold = 0.5, int MaxFaces = 100);
