using System.Diagnostics;
using AttendanceBlazor.Recognition.Imaging;

namespace AttendanceBlazor.Recognition.Pipeline;

/// <summary>How long each stage took, for `bench` and logs.</summary>
public sealed record StageTimings(TimeSpan Decode, TimeSpan Detect, TimeSpan Landmarks, TimeSpan Descriptor)
{
    public TimeSpan Total => Decode + Detect + Landmarks + Descriptor;
}
