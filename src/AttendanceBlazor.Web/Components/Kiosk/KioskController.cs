using AttendanceBlazor.Application.CheckIn;
using AttendanceBlazor.Application.Faces;
using AttendanceBlazor.Application.Liveness;
using AttendanceBlazor.Application.People;
using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Application.Time;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using AttendanceBlazor.Web.Components.Camera;

namespace AttendanceBlazor.Web.Components.Kiosk;

/// <summary>
/// The kiosk's state machine, without a browser: it takes bursts, stills, answers, names and PINs, asks the
/// application's check-in use cases, and says what the kiosk shows next. The page (Kiosk.razor) only draws the state
/// and feeds it the camera. With Attendance:Liveness = Challenge a check-in starts with a challenge and a burst
/// (<see cref="ChallengeSession"/>, the same one the own tab runs); the burst's first frame is the still the check-in
/// decides on. A face analysed once is kept (descriptor and thumbnail, no picture) until the person registers or the
/// question times out; it is never analysed twice. One action at a time: a second capture while one is processed is
/// ignored. Every event carries the moment of the press (<see cref="Begin"/>), however long it then waited.
/// </summary>
public sealed class KioskController(
    CheckIns checkIns,
    AttendanceOptions options,
    TimeProvider time,
    ILogger logger) : IDisposable
{
    private int _busy;
    private ITimer? _timer;
    private Arrival? _pressed;
    private ChallengeSession? _session;
    private bool _automatic;

    public KioskState State { get; private set; } = KioskState.Starting;

    /// <summary>The outcome on show in <see cref="KioskState.Result"/>, unless a <see cref="Notice"/> is.</summary>
    public CheckResult? Result { get; private set; }

    public KioskNotice Notice { get; private set; }

    /// <summary>The liveness challenge of the press being answered, while it lasts (the page records bursts for it).</summary>
    public ChallengeSession? Session => _session;

    /// <summary>When the press being answered arrived (now, before any press).</summary>
    public Arrival Pressed => _pressed ?? Arrival.Now(time);

    /// <summary>The face of the person being asked for a name, or asked "Are you ...?".</summary>
    public AnalyzedFace? PendingFace { get; private set; }

    /// <summary>Whom a doubtful face was close to, for the question.</summary>
    public DoubtfulMatch? Doubt { get; private set; }

    /// <summary>Why the name typed at registration was refused; the form says it and stays.</summary>
    public NameProblem? NameProblem { get; private set; }

    /// <summary>The device every event from this kiosk carries.</summary>
    public string Device { get; set; } = "kiosk:unknown";

    /// <summary>How a timer's change reaches the page: the page sets its own InvokeAsync, so state changes on its thread.</summary>
    public Func<Func<Task>, Task> Dispatch { get; set; } = work => work();

    /// <summary>Raised after the kiosk went back to <see cref="KioskState.Ready"/> on its own (a result shown long enough, a question not answered).</summary>
    public event Func<Task>? Reset;

    /// <summary>Counts an attempt and says whether it is within the page's limit; the page sets it (SecurityLimiters).</summary>
    public Func<bool> AllowAttempt { get; set; } = () => true;

    /// <summary>Whether a capture now would be taken: ready, and nothing in progress.</summary>
    public bool CanCapture => State is KioskState.Ready && Volatile.Read(ref _busy) == 0;

    public bool LivenessRequired => checkIns.Liveness.Enabled;

    public void CameraStarted(CameraStart start) =>
        State = start.Ok ? KioskState.Ready : start.Denied ? KioskState.CameraDenied : KioskState.CameraAbsent;

    /// <summary>
    /// Someone pressed the button (or held still, with <paramref name="automatic"/>): the press's moment is kept (the
    /// event's time). With liveness on, a challenge is shown and the page records a burst for
    /// <see cref="SubmitBurstAsync"/>; with it off, the page takes a still for <see cref="SubmitStillAsync"/>. Returns
    /// whether a challenge was started.
    /// </summary>
    public bool Begin(bool automatic = false)
    {
        if (!CanCapture) return false;
        _pressed = Arrival.Now(time);
        _automatic = automatic;
        if (!checkIns.Liveness.Enabled) return false;
        _session = checkIns.Challenge(options.LivenessAttempts);
        _session.Start();
        State = KioskState.Challenge;
        return true;
    }

    /// <summary>
    /// The frames recorded for the step on show. The challenge stays on screen while they are judged (it says so),
    /// and goes on with the next step, the same one again, or a new try; only a press's first step counts against the
    /// page's limit.
    /// </summary>
    public async Task SubmitBurstAsync(byte[] burst, CancellationToken cancellationToken = default)
    {
        if (State != KioskState.Challenge || _session?.Current is null || !TryBegin()) return;
        try
        {
            if (_session.NeedsStill && _session.Attempt == 1 && !Allowed()) return;
            var step = await _session.SubmitAsync(burst, cancellationToken);
            // The person chose the PIN, or the page reset, while the step was judged.
            if (State != KioskState.Challenge) return;
            switch (step.Kind)
            {
                case ChallengeStepKind.Next:
                    break;
                case ChallengeStepKind.Again:
                    logger.LogInformation("Kiosk {Device}: liveness step not met ({Failure}); try {Attempt}", Device, step.Failure, _session.Attempt);
                    break;
                case ChallengeStepKind.NotLive:
                    await checkIns.Reviews.AddAsync(ReviewKind.LivenessFailed, Context(null), cancellationToken: cancellationToken);
                    ShowNotice(KioskNotice.NotLive);
                    break;
                case ChallengeStepKind.Replayed:
                    // Said like any failed challenge: the screen does not teach a script what gave it away.
                    await checkIns.Reviews.AddAsync(ReviewKind.LivenessReplayed, Context(null), cancellationToken: cancellationToken);
                    ShowNotice(KioskNotice.NotLive);
                    break;
                case ChallengeStepKind.Refused:
                    Refuse(step.Still!);
                    break;
                default:
                    State = KioskState.Working;
                    await DecideAsync(step.Face!, cancellationToken);
                    break;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Fail(ex);
        }
        finally
        {
            End();
        }
    }

    /// <summary>
    /// A still from the camera, when liveness is off. <paramref name="automatic"/>: taken because someone held still,
    /// so a still without a usable face (someone walking past) is not worth a word.
    /// </summary>
    public async Task SubmitStillAsync(byte[] still, bool automatic = false, CancellationToken cancellationToken = default)
    {
        if (State != KioskState.Ready || checkIns.Liveness.Enabled || !TryBegin()) return;
        _pressed ??= Arrival.Now(time);
        _automatic = automatic;
        try
        {
            if (!Allowed()) return;
            State = KioskState.Working;
            var analyzed = await checkIns.Analyzer.AnalyzeAsync(still, _pressed.Value, StillSource.Camera, cancellationToken);
            if (analyzed.Face is not { } face)
            {
                Refuse(analyzed);
                return;
            }
            await DecideAsync(face, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Fail(ex);
        }
        finally
        {
            End();
        }
    }

    /// <summary>A still without a face to decide on: said, unless nobody asked (automatic capture of someone walking past).</summary>
    private void Refuse(AnalyzedStill still)
    {
        if (_automatic && still.Problem is StillProblem.NoFace or StillProblem.TooDark or StillProblem.Blurred) GoReady();
        else ShowResult(CheckResult.Refused(still));
    }

    private async Task DecideAsync(AnalyzedFace face, CancellationToken cancellationToken)
    {
        var context = Context(consent: null);
        if (_automatic) context = context with { UnaskedRepeatWindow = options.KioskAutoCaptureRepeatWindow };
        var result = await checkIns.Face.CheckAsync(face, context, cancellationToken);
        switch (result.Outcome)
        {
            case CheckOutcome.UnknownFace:
                Ask(KioskState.NeedsName, face, null);
                break;
            case CheckOutcome.Doubtful:
                // Every question is on HR's list before it is shown, and a kiosk asks only so many an hour.
                if (await checkIns.Doubtful.AskAsync(result.Doubt!, Context(null), cancellationToken) is { } question) Ask(KioskState.Confirm, face, question);
                else ShowNotice(KioskNotice.NoMoreQuestions);
                break;
            default:
                ShowResult(result);
                break;
        }
    }

    /// <summary>The answer to "Are you ...?": yes records the event for them; no goes on as a new face, and HR hears of it.</summary>
    public async Task AnswerAsync(bool itIsMe, CancellationToken cancellationToken = default)
    {
        if (State != KioskState.Confirm || Doubt is not { } doubt || PendingFace is not { } face || !TryBegin()) return;
        try
        {
            State = KioskState.Working;
            if (itIsMe)
            {
                ShowResult(await checkIns.Doubtful.ConfirmAsync(doubt, Context(null), cancellationToken));
                return;
            }
            await checkIns.Doubtful.DeclineAsync(doubt, Context(null), cancellationToken);
            Ask(KioskState.NeedsName, face, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Fail(ex);
        }
        finally
        {
            End();
        }
    }

    /// <summary>
    /// Registers the pending face under <paramref name="name"/>, with the consent the person ticked. The page takes
    /// fresh stills at the press of the button: the registration goes ahead only if they are of the same face (the
    /// previous person may have walked away), and the good ones among them become templates too.
    /// </summary>
    public async Task RegisterAsync(string? name, bool consent, IReadOnlyList<byte[]> freshStills, CancellationToken cancellationToken = default)
    {
        if (State != KioskState.NeedsName || PendingFace is not { } face || !consent) return;
        var (personName, problem) = PersonName.Parse(name, options.MaxNameLength);
        if (personName is null)
        {
            NameProblem = problem;
            return;
        }
        if (!TryBegin()) return;
        try
        {
            State = KioskState.Working;
            var fresh = new List<AnalyzedFace>();
            var submitted = Arrival.Now(time);
            foreach (var still in freshStills)
            {
                var analyzed = await checkIns.Analyzer.AnalyzeAsync(still, submitted, StillSource.Camera, cancellationToken);
                if (analyzed.Problem == StillProblem.Busy)
                {
                    ShowResult(CheckResult.Refused(analyzed));
                    return;
                }
                if (analyzed.Face is { } f) fresh.Add(f);
            }
            // The same face as the one asked about, or nothing is registered.
            if (Registration.WithFreshStills(face, fresh) is not { } faces)
            {
                ShowNotice(KioskNotice.DifferentFace);
                return;
            }
            ShowResult(await checkIns.Registration.RegisterAsync(faces, personName, Context(consent: true), cancellationToken));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Fail(ex);
        }
        finally
        {
            End();
        }
    }

    /// <summary>The name typed in the PIN form, kept after a wrong PIN so that only the PIN is typed again.</summary>
    public string? PinName { get; private set; }

    /// <summary>Why the last PIN was refused, shown in the form itself (null on a fresh form).</summary>
    public CheckResult? PinRefusal { get; private set; }

    public void StartPin()
    {
        CancelTimer();
        PinName = null;
        PinRefusal = null;
        PendingFace = null;
        Doubt = null;
        _session?.Stop();
        State = KioskState.Pin;
    }

    public async Task SubmitPinAsync(string? name, string? pin, CancellationToken cancellationToken = default)
    {
        if (State != KioskState.Pin || !TryBegin()) return;
        try
        {
            if (!Allowed()) return;
            State = KioskState.Working;
            var result = await checkIns.Pin.CheckAsync(name, pin, Device, Arrival.Now(time), cancellationToken);
            if (result.Outcome is CheckOutcome.BadPin or CheckOutcome.PinIncomplete)
            {
                // The form again with the name as typed and the answer in it: a typo in the PIN costs one retype,
                // not a walk back through the start screen. It times out like the name question.
                PinName = name;
                PinRefusal = result;
                State = KioskState.Pin;
                Arm(options.RegistrationTimeout, KioskState.Pin);
                return;
            }
            ShowResult(result);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Fail(ex);
        }
        finally
        {
            End();
        }
    }

    /// <summary>Back to waiting for the next person, forgetting any pending face.</summary>
    public void Cancel() => GoReady();

    /// <summary>No room for the press's picture within its deadline: "busy, try again in N s", and the press is offered again.</summary>
    public void ShowBusy() => ShowResult(CheckResult.Busy(checkIns.Gate.RetryAfter));

    /// <summary>The kiosk's own trouble (a camera picture that could not be read), shown like a result.</summary>
    public void ShowNotice(KioskNotice notice)
    {
        Result = null;
        Notice = notice;
        PendingFace = null;
        Doubt = null;
        _session?.Stop();
        State = KioskState.Result;
        Arm(options.KioskResultDuration, KioskState.Result);
    }

    private CheckContext Context(bool? consent) =>
        new(AttendanceSource.Kiosk, Device, Pressed.Utc, consent, consent == true ? options.ConsentVersion : null);

    /// <summary>A question with a face pending; it times out, and the face is forgotten then.</summary>
    private void Ask(KioskState state, AnalyzedFace face, DoubtfulMatch? doubt)
    {
        PendingFace = face;
        Doubt = doubt;
        NameProblem = null;
        State = state;
        Arm(options.RegistrationTimeout, state);
    }

    private void ShowResult(CheckResult result)
    {
        Result = result;
        Notice = KioskNotice.None;
        PendingFace = null;
        Doubt = null;
        State = KioskState.Result;
        // A question on the card ("When did you leave?") gets the time a question gets.
        Arm(result.Forgotten is null ? options.KioskResultDuration : options.RegistrationTimeout, KioskState.Result);
    }

    /// <summary>The person is done with the result card's question: the card stays as long as any result, then the kiosk waits.</summary>
    public void ResultSeen()
    {
        if (State == KioskState.Result) Arm(options.KioskResultDuration, KioskState.Result);
    }

    private void Fail(Exception ex)
    {
        if (DatabaseErrors.IsUnavailable(ex))
        {
            logger.LogWarning(ex, "Kiosk check-in refused: the database is busy or unreachable");
            ShowNotice(KioskNotice.SystemBusy);
        }
        else
        {
            // The circuit survives: the person sees a message and the kiosk resets.
            logger.LogError(ex, "Kiosk check-in failed");
            ShowNotice(KioskNotice.SomethingWentWrong);
        }
    }

    private void GoReady()
    {
        CancelTimer();
        Result = null;
        Notice = KioskNotice.None;
        PendingFace = null;
        Doubt = null;
        _session = null;
        NameProblem = null;
        _pressed = null;
        State = KioskState.Ready;
    }

    /// <summary>After <paramref name="after"/>, if the kiosk still shows <paramref name="state"/>, it goes back to ready.</summary>
    private void Arm(TimeSpan after, KioskState state)
    {
        CancelTimer();
        _timer = time.CreateTimer(_ => _ = Dispatch(async () =>
        {
            if (State != state) return;
            GoReady();
            if (Reset is { } handler) await handler();
        }), null, after, Timeout.InfiniteTimeSpan);
    }

    private void CancelTimer()
    {
        _timer?.Dispose();
        _timer = null;
    }

    private bool TryBegin() => Interlocked.Exchange(ref _busy, 1) == 0;

    /// <summary>
    /// Counts one check-in attempt of this kiosk page (a still, a burst, a PIN) against its limit
    /// (RateLimits:KioskCapturesPerMinute); over it the kiosk asks the person to wait and does nothing else.
    /// </summary>
    private bool Allowed()
    {
        if (AllowAttempt()) return true;
        logger.LogWarning("Kiosk {Device}: check-ins over the per-page limit refused", Device);
        ShowNotice(KioskNotice.TooManyAttempts);
        return false;
    }

    private void End() => Interlocked.Exchange(ref _busy, 0);

    public void Dispose() => CancelTimer();
}
