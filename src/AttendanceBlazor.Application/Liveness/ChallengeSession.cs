using AttendanceBlazor.Application.Faces;
using AttendanceBlazor.Application.Time;

namespace AttendanceBlazor.Application.Liveness;

/// <summary>What a burst for the challenge on show led to.</summary>
public enum ChallengeStepKind
{
    /// <summary>The challenge was met: <see cref="ChallengeStep.Face"/> is the face to decide on.</summary>
    Passed,

    /// <summary>Not met, and tries are left: a new challenge is on show.</summary>
    Again,

    /// <summary>Not met in the last try: nothing is recorded, the PIN is offered, HR hears of it.</summary>
    NotLive,

    /// <summary>The burst's still had no usable face (<see cref="ChallengeStep.Still"/> says why), or recognition was busy.</summary>
    Refused,
}

public sealed record ChallengeStep(ChallengeStepKind Kind, AnalyzedFace? Face = null, AnalyzedStill? Still = null);

/// <summary>
/// One press's liveness challenge, try by try, for every camera that asks for one (the kiosk and the own tab): the
/// challenge on show, which try it is, and what a burst recorded for it means. Up to Attendance:LivenessAttempts tries.
/// Not thread-safe: one per press.
/// </summary>
public sealed class ChallengeSession(LivenessService liveness, int attempts, TimeProvider time)
{
    private Arrival _tryStarted;

    /// <summary>The challenge on show, or null when none is (before the start, after the last step).</summary>
    public LivenessChallenge? Challenge { get; private set; }

    /// <summary>Which try this is (1 for the first).</summary>
    public int Attempt { get; private set; }

    public int Attempts => attempts;

    /// <summary>When the challenge on show appeared: its burst is answered within Attendance:ChallengeAnswerWithin of it.</summary>
    public Arrival TryStarted => _tryStarted;

    /// <summary>Whether the challenge on show is a second or later try, after a burst that did not meet one.</summary>
    public bool Retrying => Attempt > 1;

    public LivenessChallenge Start()
    {
        Attempt = 1;
        return Show();
    }

    /// <summary>The burst recorded while <see cref="Challenge"/> was on show.</summary>
    public async Task<ChallengeStep> SubmitAsync(ReadOnlyMemory<byte> burst, CancellationToken cancellationToken = default)
    {
        var challenge = Challenge ?? throw new InvalidOperationException("No challenge is on show.");
        Challenge = null;
        var verdict = await liveness.VerifyAsync(challenge.Nonce, burst, _tryStarted, cancellationToken);
        if (verdict.Passed) return new(ChallengeStepKind.Passed, verdict.Identity!.Face);
        if (verdict.Failure == LivenessFailure.NoFace && verdict.Identity is { } still) return new(ChallengeStepKind.Refused, Still: still);
        if (Attempt >= attempts) return new(ChallengeStepKind.NotLive);
        Attempt++;
        Show();
        return new(ChallengeStepKind.Again);
    }

    /// <summary>Gives up the challenge on show (the camera stopped giving pictures, the person left).</summary>
    public void Stop() => Challenge = null;

    private LivenessChallenge Show()
    {
        _tryStarted = Arrival.Now(time);
        return Challenge = liveness.Issue();
    }
}
