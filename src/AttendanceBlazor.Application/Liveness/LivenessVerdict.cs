using AttendanceBlazor.Application.Faces;

namespace AttendanceBlazor.Application.Liveness;

/// <summary>
/// What a burst showed: whether the challenge was met, why not, and the identity still (the burst's first frame,
/// analysed in full) whose face the check-in then decides on. <see cref="Yaws"/> is the head turn per frame in degrees
/// (positive: towards the person's own left), for logs and tests.
/// </summary>
public sealed record LivenessVerdict(LivenessFailure Failure, AnalyzedStill? Identity, IReadOnlyList<double> Yaws)
{
    /// <summary>The eye aspect per frame (a blink dips it), for logs and tests.</summary>
    public IReadOnlyList<double> EyeAspects { get; init; } = [];

    /// <summary>The landmarks followed through the burst (in memory only; never stored), for tests.</summary>
    public IReadOnlyList<Recognition.Pipeline.PointD[]> Landmarks { get; init; } = [];

    public bool Passed => Failure == LivenessFailure.None;
}
