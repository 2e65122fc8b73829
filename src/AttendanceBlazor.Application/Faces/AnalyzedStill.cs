using AttendanceBlazor.Recognition.Pipeline;

namespace AttendanceBlazor.Application.Faces;

/// <summary>A still after analysis: the face to decide on, or why there is none.</summary>
public sealed record AnalyzedStill(StillProblem Problem, AnalyzedFace? Face, int FaceCount, string? Detail = null)
{
    public bool HasFace => Face is not null;
}
