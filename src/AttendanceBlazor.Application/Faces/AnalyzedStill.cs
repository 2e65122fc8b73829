using AttendanceBlazor.Recognition.Pipeline;

namespace AttendanceBlazor.Application.Faces;

/// <summary>A still after analysis: the face to decide on, or why there is none.</summary>
public sealed record AnalyzedStill(StillProblem Problem, AnalyzedFace? Face, int FaceCount, string? Detail = null)
{
    /// <summary>For <see cref="StillProblem.Busy"/>: when to try again.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static AnalyzedStill Busy(TimeSpan retryAfter) => new(StillProblem.Busy, null, 0) { RetryAfter = retryAfter };

    public bool HasFace => Face is not null;
}
