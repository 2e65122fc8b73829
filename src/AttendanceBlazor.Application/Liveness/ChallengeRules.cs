using AttendanceBlazor.Recognition.Pipeline;

namespace AttendanceBlazor.Application.Liveness;

/// <summary>What the frames of one step showed.</summary>
public enum StepOutcome
{
    /// <summary>A turn to the side asked for, and back.</summary>
    Met,

    /// <summary>The first turn went to the other side: a glance the wrong way, and the step is shown again once.</summary>
    WrongWayFirst,

    /// <summary>No turn, too small a turn, or no way back within the step.</summary>
    NotMet,
}

/// <summary>
/// Whether the landmarks of a step's frames show the turn asked for. The numbers are read off ../shared/faces-pose
/// (real webcam turns reach 17 to 30 degrees by this measure) and off pictures of a face moved, tilted and turned in
/// front of the camera (their yaw stays within 5 degrees of where it started).
/// </summary>
public static class ChallengeRules
{
    /// <summary>A head counts as turned beyond this many degrees either way.</summary>
    public const double TurnDegrees = 10;

    /// <summary>A turn must also move the head this far in all, so a picture of a turned head does not pass.</summary>
    public const double MinSwingDegrees = 15;

    /// <summary>Frames in a row a turn must last: one frame of landmark jitter is not a turn.</summary>
    public const int TurnFrames = 2;

    public static StepOutcome Judge(HeadTurn asked, IReadOnlyList<PointD[]> frames) => Judge(asked, frames.Select(LandmarkGeometry.Yaw).ToList());

    public static StepOutcome Judge(HeadTurn asked, IReadOnlyList<double> yaws)
    {
        var turns = Turns(yaws);
        if (turns.Count == 0) return StepOutcome.NotMet;
        var side = asked == HeadTurn.Left ? 'L' : 'R';
        var (first, at) = turns[0];
        if (first != side) return StepOutcome.WrongWayFirst;
        if (yaws.Max() - yaws.Min() < MinSwingDegrees) return StepOutcome.NotMet;
        // And back: after the turn, the head faces the camera again before the step ends.
        for (var i = at + 1; i < yaws.Count; i++)
        {
            if (Math.Abs(yaws[i]) < TurnDegrees) return StepOutcome.Met;
        }
        return StepOutcome.NotMet;
    }

    /// <summary>
    /// The turns in order ('L' the person's left, 'R' their right) with the frame where each was first held for
    /// <see cref="TurnFrames"/> frames. A turn already under way in the first frame is the previous step's way back, not
    /// a turn of this step: it counts only once the head has faced the camera.
    /// </summary>
    public static List<(char Side, int At)> Turns(IReadOnlyList<double> yaws)
    {
        var turns = new List<(char, int)>();
        var run = 0;
        var current = ' ';
        var faced = false;
        for (var i = 0; i < yaws.Count; i++)
        {
            var state = yaws[i] >= TurnDegrees ? 'L' : yaws[i] <= -TurnDegrees ? 'R' : ' ';
            if (state == ' ') faced = true;
            run = state == current ? run + 1 : 1;
            current = state;
            if (faced && state != ' ' && run == TurnFrames && (turns.Count == 0 || turns[^1].Item1 != state)) turns.Add((state, i));
        }
        return turns;
    }

    /// <summary>Whether a frame's head is turned (its frames are the ones a replay is recognised by).</summary>
    public static bool IsTurned(double yaw) => Math.Abs(yaw) >= TurnDegrees;
}
