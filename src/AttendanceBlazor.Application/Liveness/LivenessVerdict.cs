using AttendanceBlazor.Recognition.Imaging;
using AttendanceBlazor.Recognition.Pipeline;

namespace AttendanceBlazor.Application.Liveness;

/// <summary>
/// What one step's frames showed: whether the turn was met, why not, and what the next step and the replay check
/// need. <see cref="Yaws"/> is the head turn per frame in degrees (positive: towards the person's own left), for logs
/// and tests. Nothing here is kept but <see cref="TurnedFrames"/>, and those only once the whole challenge passed.
/// </summary>
public sealed record LivenessVerdict(LivenessFailure Failure, IReadOnlyList<double> Yaws)
{
    /// <summary>The landmarks followed through the frames (in memory only), for tests.</summary>
    public IReadOnlyList<PointD[]> Landmarks { get; init; } = [];

    /// <summary>Where the face was in the last frame, and that frame's size: the next step starts from there.</summary>
    public PointD[]? LastPoints { get; init; }

    public (int Width, int Height) LastSize { get; init; }

    /// <summary>The hashes of the frames in which the head was turned: what a replay is recognised by.</summary>
    public IReadOnlyList<FaceHash> TurnedFrames { get; init; } = [];

    /// <summary>The descriptor of the frame that faced the camera most squarely: the step's face is checked against the still's.</summary>
    public float[]? Descriptor { get; init; }

    public bool Passed => Failure == LivenessFailure.None;
}
