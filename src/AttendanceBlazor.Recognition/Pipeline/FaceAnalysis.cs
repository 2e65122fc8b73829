using System.Diagnostics;
using AttendanceBlazor.Recognition.Imaging;

namespace AttendanceBlazor.Recognition.Pipeline;

/// <summary>The result of analysing one still. <see cref="Detected"/>: faces the detector found, described or not.</summary>
public sealed record FaceAnalysis(RgbImage Image, IReadOnlyList<DetectedFace> Faces, string ModelId, StageTimings Timings)
{
    public int Detected { get; init; } = Faces.Count;
}
