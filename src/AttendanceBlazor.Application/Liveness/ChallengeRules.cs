using AttendanceBlazor.Recognition.Pipeline;

namespace AttendanceBlazor.Application.Liveness;

/// <summary>
/// Whether the landmarks of a burst meet a challenge. The numbers are read off ../shared/faces-pose (real webcam turns
/// reach 17 to 30 degrees by this measure, a blink dips the eye aspect by 5 to 15%) and off pictures of a face moved,
/// tilted and turned in front of the camera (their yaw stays within 5 degrees of where it started; tilting or moving
/// one fakes an eye-aspect dip of up to 14%, which the steadiness conditions of a blink refuse).
/// </summary>
public static class ChallengeRules
{
    /// <summary>A head counts as turned beyond this many degrees either way.</summary>
    public const double TurnDegrees = 10;

    /// <summary>A single turn must also move the head this far in all, so a picture of a turned head does not pass.</summary>
    public const double MinSwingDegrees = 15;

    /// <summary>Frames in a row a turn must last: one frame of landmark jitter is not a turn.</summary>
    public const int TurnFrames = 2;

    /// <summary>A blink dips the eye aspect this much below its median in the burst.</summary>
    public const double BlinkDip = 0.045;

    /// <summary>While the eyes close, the head stays steady: roll (degrees), eye span and nose-to-jaw (share), centre (share of the eye span).</summary>
    public const double SteadyRollDegrees = 3;
    public const double SteadyScale = 0.05;
    public const double SteadyShape = 0.07;
    public const double SteadyCentre = 0.08;

    public static bool IsMet(LivenessChallengeKind kind, IReadOnlyList<PointD[]> frames)
    {
        if (kind == LivenessChallengeKind.Blink) return Blinks(frames) > 0;
        var yaws = frames.Select(LandmarkGeometry.Yaw).ToList();
        var turns = Turns(yaws);
        var swing = yaws.Max() - yaws.Min();
        return kind switch
        {
            LivenessChallengeKind.TurnLeft => turns.FirstOrDefault() == 'L' && swing >= MinSwingDegrees,
            LivenessChallengeKind.TurnRight => turns.FirstOrDefault() == 'R' && swing >= MinSwingDegrees,
            LivenessChallengeKind.TurnLeftThenRight => turns is ['L', 'R', ..],
            LivenessChallengeKind.TurnRightThenLeft => turns is ['R', 'L', ..],
            _ => false,
        };
    }

    /// <summary>The turns in order ('L' the person's left, 'R' their right), each held for <see cref="TurnFrames"/> frames.</summary>
    public static List<char> Turns(IReadOnlyList<double> yaws)
    {
        var turns = new List<char>();
        var run = 0;
        var current = ' ';
        foreach (var yaw in yaws)
        {
            var state = yaw >= TurnDegrees ? 'L' : yaw <= -TurnDegrees ? 'R' : ' ';
            run = state == current ? run + 1 : 1;
            current = state;
            if (state != ' ' && run == TurnFrames && (turns.Count == 0 || turns[^1] != state)) turns.Add(state);
        }
        return turns;
    }

    /// <summary>
    /// Blinks: a dip of the eye aspect below (1 - <see cref="BlinkDip"/>) of its median, with open eyes before and
    /// after, while roll, scale, shape and position stay steady (a picture moved or tilted changes them).
    /// </summary>
    public static int Blinks(IReadOnlyList<PointD[]> frames)
    {
        var ear = frames.Select(LandmarkGeometry.EyeAspect).ToArray();
        var median = Median(ear);
        var span = frames.Select(LandmarkGeometry.EyeSpan).ToArray();
        var shape = frames.Select(LandmarkGeometry.NoseToJaw).ToArray();
        var roll = frames.Select(LandmarkGeometry.Roll).ToArray();
        var centre = frames.Select(LandmarkGeometry.Centre).ToArray();
        double medianSpan = Median(span), medianShape = Median(shape);
        var blinks = 0;
        for (var i = 0; i < ear.Length; i++)
        {
            if (ear[i] > median * (1 - BlinkDip)) continue;
            var j = i;
            while (j + 1 < ear.Length && ear[j + 1] <= median * (1 - BlinkDip / 2)) j++;
            var openBefore = Enumerable.Range(Math.Max(0, i - 4), i - Math.Max(0, i - 4)).Any(k => ear[k] >= median * (1 - BlinkDip / 3));
            var openAfter = Enumerable.Range(j + 1, Math.Min(ear.Length, j + 6) - (j + 1)).Any(k => ear[k] >= median * (1 - BlinkDip / 3));
            int a = Math.Max(0, i - 2), b = Math.Min(ear.Length - 1, j + 2);
            var window = Enumerable.Range(a, b - a + 1).ToArray();
            var steady = window.Max(k => roll[k]) - window.Min(k => roll[k]) <= SteadyRollDegrees
                && (window.Max(k => span[k]) - window.Min(k => span[k])) / medianSpan <= SteadyScale
                && (window.Max(k => shape[k]) - window.Min(k => shape[k])) / medianShape <= SteadyShape
                && window.Max(k => LandmarkGeometry.Distance(centre[k], centre[a])) / medianSpan <= SteadyCentre;
            if (openBefore && openAfter && steady) blinks++;
            i = j;
        }
        return blinks;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
