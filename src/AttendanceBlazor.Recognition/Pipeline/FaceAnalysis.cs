using System.Diagnostics;
using AttendanceBlazor.Recognition.Imaging;

namespace AttendanceBlazor.Recognition.Pipeline;

/// <summary>The result of analysing one still.</summary>
public sealed record FaceAnalysis(RgbImage Image, IReadOnlyList<DetectedFace> Faces, string ModelId, StageTimings Timings);
