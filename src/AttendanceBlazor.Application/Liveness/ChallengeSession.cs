using AttendanceBlazor.Application.CheckIn;
using AttendanceBlazor.Application.Faces;
using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Application.Time;
using AttendanceBlazor.Recognition.Imaging;
using AttendanceBlazor.Recognition.Matching;
using AttendanceBlazor.Recognition.Pipeline;

namespace AttendanceBlazor.Application.Liveness;

/// <summary>What the frames of the step on show led to.</summary>
public enum ChallengeStepKind
{
    /// <summary>Every step was met with frames not seen before: <see cref="ChallengeStep.Face"/> is the face to decide on.</summary>
    Passed,

    /// <summary>The step was met; the next one is on show.</summary>
    Next,

    /// <summary>Not met, and the challenge goes on: the same step again (a glance the wrong way) or a new try.</summary>
    Again,

    /// <summary>Not met in the last try: nothing is recorded, the PIN is offered, HR hears of it.</summary>
    NotLive,

    /// <summary>Met, but with frames a passed challenge showed before: a recording. Nothing is recorded; HR hears of it.</summary>
    Replayed,

    /// <summary>The still had no usable face (<see cref="ChallengeStep.Still"/> says why), or recognition was busy.</summary>
    Refused,
}

public sealed record ChallengeStep(ChallengeStepKind Kind, AnalyzedFace? Face = null, AnalyzedStill? Still = null)
{
    /// <summary>Why the step was not met (for logs and tests).</summary>
    public LivenessFailure Failure { get; init; }
}

/// <summary>Why the step on show is shown again, for the screen's words.</summary>
public enum ChallengeHint
{
    None,

    /// <summary>The head went the other way first: the same step, once more.</summary>
    WrongWay,

    /// <summary>A try failed: new steps, from the first.</summary>
    NewTry,
}

/// <summary>
/// One press's liveness challenge, for every camera that asks for one (the kiosk and the own tab). The server draws
/// Attendance:LivenessSteps turns; the page shows one at a time for Attendance:LivenessStepDuration, with a countdown,
/// and sends that step's frames as it ends (the first step's with a full still: the check-in's face). Each step's
/// frames are judged against the server's own times: they cannot come sooner than the step lasts, nor after its
/// answer is due, so frames chosen after seeing the whole challenge are impossible. The face must be the still's in
/// every step. Once all steps are met, the turned frames are checked against those of earlier passed presses
/// (<see cref="ReplayGuard"/>): a recording passes once at most. A glance the wrong way first shows the step again
/// within the try; any other miss starts a new try with new turns, up to Attendance:LivenessAttempts tries. Not
/// thread-safe: one per press.
/// </summary>
public sealed class ChallengeSession(LivenessService liveness, int attempts, TimeProvider time)
{
    private IReadOnlyList<HeadTurn> _steps = [];
    private int _step;
    private bool _repeated;
    private AnalyzedFace? _face;
    private PointD[]? _from;
    private (int Width, int Height) _fromSize;
    private readonly List<FaceHash> _turned = [];

    /// <summary>The press, as its frames are remembered.</summary>
    public Guid Press { get; } = Guid.NewGuid();

    /// <summary>The turn on show, or null when none is (before the start, while a step is judged, after the end).</summary>
    public HeadTurn? Current { get; private set; }

    /// <summary>Which step is on show (1 for the first) of <see cref="StepCount"/>.</summary>
    public int StepNumber => _step + 1;

    /// <summary>Whether the step on show opens the press (its first step of its first try): later ones are work under way.</summary>
    public bool Opening => _step == 0 && Attempt == 1;

    public int StepCount => _steps.Count;

    /// <summary>How long a step lasts: the page records for this long, with a countdown.</summary>
    public TimeSpan StepDuration => liveness.StepDuration;

    /// <summary>When the step on show appeared (the server's clock): its frames are judged against it.</summary>
    public Arrival Shown { get; private set; }

    /// <summary>Whether the step on show needs a full still before its frames (the first step of a try).</summary>
    public bool NeedsStill => _step == 0;

    public ChallengeHint Hint { get; private set; }

    /// <summary>Which try this is (1 for the first).</summary>
    public int Attempt { get; private set; }

    public int Attempts => attempts;

    public void Start()
    {
        Attempt = 1;
        Hint = ChallengeHint.None;
        NewTry();
    }

    /// <summary>The frames recorded while <see cref="Current"/> was on show.</summary>
    public async Task<ChallengeStep> SubmitAsync(ReadOnlyMemory<byte> burst, CancellationToken cancellationToken = default)
    {
        var asked = Current ?? throw new InvalidOperationException("No step is on show.");
        Current = null;
        var waited = Shown.Waited(time);
        if (waited < StepDuration * 0.8) return Missed(LivenessFailure.TooEarly);
        if (waited > liveness.AnswerWithin) return Missed(LivenessFailure.TooLate);
        var frames = LivenessBurst.Parse(burst, withStill: NeedsStill);
        if (frames is null) return Missed(LivenessFailure.BadBurst);

        // The step's frames (and the still, in the first) are one analysis for the concurrency limit.
        using var slot = await liveness.Gate.EnterAsync(Shown, liveness.AnswerWithin, cancellationToken, opening: Opening);
        if (slot is null)
        {
            Stop();
            return new(ChallengeStepKind.Refused, Still: AnalyzedStill.Busy(liveness.Gate.RetryAfter));
        }
        if (NeedsStill)
        {
            var still = await liveness.Analyzer.AnalyzeAsync(slot, frames[0], StillSource.Camera, cancellationToken);
            if (still.Face is not { } face)
            {
                Stop();
                return new(ChallengeStepKind.Refused, Still: still);
            }
            (_face, _from, _fromSize) = (face, face.Landmarks, face.StillSize);
            frames = frames.Skip(1).ToList();
        }
        var from = _from!;
        var fromSize = _fromSize;
        var verdict = await Task.Run(() => liveness.Follow(asked, frames, from, fromSize, cancellationToken), cancellationToken);
        if (verdict.Failure == LivenessFailure.WrongWayFirst && !_repeated)
        {
            _repeated = true;
            Show(asked, ChallengeHint.WrongWay);
            return new(ChallengeStepKind.Again) { Failure = verdict.Failure };
        }
        if (!verdict.Passed) return Missed(verdict.Failure);
        // The same face in every step as in the still: no step can be someone else's recording.
        var settings = await liveness.SettingsAsync(cancellationToken);
        if (verdict.Descriptor is null || FaceIndex<int>.Distance(verdict.Descriptor, _face!.Descriptor) > settings.MatchThreshold)
        {
            return Missed(LivenessFailure.DifferentFace);
        }
        _turned.AddRange(verdict.TurnedFrames);
        (_from, _fromSize) = (verdict.LastPoints, verdict.LastSize);
        if (++_step < _steps.Count)
        {
            _repeated = false;
            Show(_steps[_step], ChallengeHint.None);
            return new(ChallengeStepKind.Next);
        }

        var candidate = liveness.Candidate(_face!, settings);
        if (await liveness.IsReplayAsync(candidate, _turned, cancellationToken)) return new(ChallengeStepKind.Replayed);
        await liveness.Replays.KeepAsync(Press, candidate, _turned, cancellationToken);
        return new(ChallengeStepKind.Passed, _face! with { LivePress = Press });
    }

    /// <summary>Gives up the step on show (the camera stopped giving pictures, the person left or chose the PIN).</summary>
    public void Stop() => Current = null;

    /// <summary>A step not met: a new try with new turns, or the end after the last one.</summary>
    private ChallengeStep Missed(LivenessFailure failure)
    {
        if (Attempt >= attempts) return new(ChallengeStepKind.NotLive) { Failure = failure };
        Attempt++;
        Hint = ChallengeHint.NewTry;
        NewTry();
        return new(ChallengeStepKind.Again) { Failure = failure };
    }

    private void NewTry()
    {
        _steps = liveness.Draw();
        _step = 0;
        _repeated = false;
        _face = null;
        _turned.Clear();
        Show(_steps[0], Hint);
    }

    private void Show(HeadTurn turn, ChallengeHint hint)
    {
        Hint = hint;
        Shown = Arrival.Now(time);
        Current = turn;
    }
}
