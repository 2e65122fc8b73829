using AttendanceBlazor.Application.CheckIn;
using AttendanceBlazor.Application.Faces;
using AttendanceBlazor.Application.People;
using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using AttendanceBlazor.Web.Components.Camera;

namespace AttendanceBlazor.Web.Components.Kiosk;

/// <summary>
/// The kiosk's state machine, without a browser: it takes stills (as bytes), names, consent and PINs, asks the
/// attendance service, and says what the kiosk shows next. The page (Kiosk.razor) only draws the state and feeds it
/// camera stills; tests drive this class directly with real photos. A face analysed at the first capture is kept
/// until the person registers, never analysed twice. One action at a time: a second still while one is processed
/// is ignored.
/// </summary>
public sealed class KioskController(AttendanceService attendance, AttendanceOptions options, TimeProvider time, ILogger logger) : IDisposable
{
    private int _busy;
    private ITimer? _resetTimer;

    public KioskState State { get; private set; } = KioskState.Starting;

    /// <summary>The outcome on show in <see cref="KioskState.Result"/>, unless a <see cref="Notice"/> is.</summary>
    public CheckResult? Result { get; private set; }

    public KioskNotice Notice { get; private set; }

    /// <summary>The face of the unknown person being asked for a name.</summary>
    public AnalyzedFace? PendingFace { get; private set; }

    /// <summary>Why the name typed at registration was refused; the form says it and stays.</summary>
    public NameProblem? NameProblem { get; private set; }

    /// <summary>The device every event from this kiosk carries.</summary>
    public string Device { get; set; } = "kiosk:unknown";

    /// <summary>How a timer's change reaches the page: the page sets its own InvokeAsync, so state changes on its thread.</summary>
    public Func<Func<Task>, Task> Dispatch { get; set; } = work => work();

    /// <summary>Raised after the kiosk went back to <see cref="KioskState.Ready"/> on its own.</summary>
    public event Func<Task>? Reset;

    /// <summary>Whether a capture now would be taken: ready, and nothing in progress.</summary>
    public bool CanCapture => State == KioskState.Ready && Volatile.Read(ref _busy) == 0;

    public void CameraStarted(CameraStart start) =>
        State = start.Ok ? KioskState.Ready : start.Denied ? KioskState.CameraDenied : KioskState.CameraAbsent;

    /// <summary>
    /// A still from the camera. <paramref name="automatic"/>: taken because someone held still, so a still without a
    /// usable face (someone walking past) is not worth a word.
    /// </summary>
    public async Task SubmitStillAsync(byte[] still, bool automatic = false, CancellationToken cancellationToken = default)
    {
        if (State != KioskState.Ready || !TryBegin()) return;
        try
        {
            State = KioskState.Working;
            var analyzed = await attendance.AnalyzeAsync(still, cancellationToken);
            if (analyzed.Face is not { } face)
            {
                if (automatic && analyzed.Problem is StillProblem.NoFace or StillProblem.TooDark or StillProblem.Blurred) GoReady();
                else ShowResult(AttendanceService.Refusal(analyzed));
                return;
            }
            var result = await attendance.CheckInOrOutAsync(face, null, Context(consent: null), cancellationToken);
            if (result.Outcome == CheckOutcome.UnknownFace)
            {
                PendingFace = face;
                NameProblem = null;
                State = KioskState.NeedsName;
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

    /// <summary>Registers the pending face under <paramref name="name"/>, with the consent the person ticked.</summary>
    public async Task RegisterAsync(string? name, bool consent, CancellationToken cancellationToken = default)
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
            var result = await attendance.CheckInOrOutAsync(face, personName, Context(consent: true), cancellationToken);
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

    public void StartPin()
    {
        CancelTimer();
        PendingFace = null;
        State = KioskState.Pin;
    }

    public async Task SubmitPinAsync(string? name, string? pin, CancellationToken cancellationToken = default)
    {
        if (State != KioskState.Pin || !TryBegin()) return;
        try
        {
            State = KioskState.Working;
            ShowResult(await attendance.CheckInOrOutWithPinAsync(name, pin, Device, cancellationToken));
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

    /// <summary>The kiosk's own trouble (a camera picture that could not be read), shown like a result.</summary>
    public void ShowNotice(KioskNotice notice)
    {
        Result = null;
        Notice = notice;
        PendingFace = null;
        State = KioskState.Result;
        ArmReset();
    }

    private CheckContext Context(bool? consent) => new(AttendanceSource.Kiosk, Device, consent, consent == true ? options.ConsentVersion : null);

    private void ShowResult(CheckResult result)
    {
        Result = result;
        Notice = KioskNotice.None;
        PendingFace = null;
        State = KioskState.Result;
        ArmReset();
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
        NameProblem = null;
        State = KioskState.Ready;
    }

    private void ArmReset()
    {
        CancelTimer();
        _resetTimer = time.CreateTimer(_ => _ = Dispatch(async () =>
        {
            if (State != KioskState.Result) return;
            GoReady();
            if (Reset is { } handler) await handler();
        }), null, options.KioskResultDuration, Timeout.InfiniteTimeSpan);
    }

    private void CancelTimer()
    {
        _resetTimer?.Dispose();
        _resetTimer = null;
    }

    private bool TryBegin() => Interlocked.Exchange(ref _busy, 1) == 0;

    private void End() => Interlocked.Exchange(ref _busy, 0);

    public void Dispose() => CancelTimer();
}
