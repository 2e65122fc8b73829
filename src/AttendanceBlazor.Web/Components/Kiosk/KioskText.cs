using System.Globalization;
using AttendanceBlazor.Application.CheckIn;
using AttendanceBlazor.Application.Liveness;
using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Web.Text;

namespace AttendanceBlazor.Web.Components.Kiosk;

/// <summary>The one table of what the kiosk says, to the person standing at it.</summary>
public static class KioskText
{
    public static string Headline(CheckResult? result, KioskNotice notice, long maxImageBytes) => notice switch
    {
        KioskNotice.CaptureFailed => $"The camera picture could not be read (at most {maxImageBytes / (1024 * 1024)} MB). Please try again.",
        KioskNotice.SystemBusy => "The system is busy right now; nothing was recorded. Please try again in a few seconds.",
        KioskNotice.SomethingWentWrong => "Something went wrong on our side; nothing was recorded. Please try again.",
        KioskNotice.NotLive => "We could not see the movement we asked for, so nothing was recorded. Please use your PIN, or ask HR.",
        KioskNotice.TooManyAttempts => "Too many tries in a short time; nothing was recorded. Please wait a minute and try again.",
        KioskNotice.DifferentFace => "That was not the face we asked about, so nothing was registered. Please start again.",
        _ => result is null ? "" : Headline(result),
    };

    public static string Headline(CheckResult r) => r.Outcome switch
    {
        CheckOutcome.CheckedIn => $"Welcome, {r.Name}! You are checked in.",
        CheckOutcome.CheckedOut => $"Goodbye, {r.Name}! You are checked out.",
        CheckOutcome.Registered => $"Welcome, {r.Name}! You are registered and checked in.",
        CheckOutcome.Duplicate => r.IsIn
            ? $"{r.Name}, you are already checked in (since {Time(r.LastEventLocalTime)}). Nothing changed."
            : $"{r.Name}, you are already checked out (at {Time(r.LastEventLocalTime)}). Nothing changed.",
        CheckOutcome.NoFace => "No face found. Please look straight at the camera.",
        CheckOutcome.TooDark => "Too dark to see your face. Please turn on a light or face towards it.",
        CheckOutcome.Blurred => "The picture is blurred. Please hold still for a moment.",
        CheckOutcome.SeveralFaces => "Several faces: one person at a time, please.",
        CheckOutcome.Ambiguous => "We could not tell who you are. Please ask HR.",
        CheckOutcome.Inactive => "Your profile is not active. Please ask HR.",
        CheckOutcome.Lookalike => $"Thank you, {r.Name}. Your face is close to someone already registered, so HR will confirm your registration. Until then, please ask HR for a PIN.",
        CheckOutcome.Doubtful => "We are not sure who you are. Please ask HR.",
        CheckOutcome.DifferentPeople => "We saw more than one face. One person at a time, please.",
        CheckOutcome.NotLive => "We could not see the movement we asked for. Please try again.",
        CheckOutcome.Expired => "That took too long. Please start again.",
        CheckOutcome.NameTaken => "That name belongs to someone else. Please add your surname or ask HR.",
        CheckOutcome.FaceBelongsToSomeoneElse => "This face is registered under another name.",
        CheckOutcome.PinIncomplete => "Please type your name and your PIN.",
        // The same words whatever went wrong (unknown name, wrong PIN, PIN paused), so the kiosk does not tell who exists.
        CheckOutcome.BadPin => "Name or PIN not recognised. After several wrong tries a PIN is paused for a while; if this keeps happening, ask HR.",
        CheckOutcome.BadImage or CheckOutcome.ImageTooLarge => $"The picture could not be used: {r.Detail}. Please try again.",
        CheckOutcome.BadName => OutcomeText.Name(r.NameProblem),
        CheckOutcome.ConsentRequired => "Please read and tick the consent to register your face.",
        CheckOutcome.Busy => "Many people are checking in right now. Please try again in a moment.",
        CheckOutcome.ConsentDeclined => "Without your consent your face is not processed. You can check in with a PIN from HR instead.",
        CheckOutcome.UnknownFace => "We do not know your face yet.",
        _ => r.Outcome.ToString(),
    };

    /// <summary>What the challenge asks, in the person's own left and right.</summary>
    public static string Instruction(LivenessChallengeKind kind) => kind switch
    {
        LivenessChallengeKind.TurnLeft => "Turn your head to your left, then back.",
        LivenessChallengeKind.TurnRight => "Turn your head to your right, then back.",
        LivenessChallengeKind.TurnLeftThenRight => "Turn your head to your left, then to your right.",
        LivenessChallengeKind.TurnRightThenLeft => "Turn your head to your right, then to your left.",
        _ => "Blink slowly, once or twice.",
    };

    /// <summary>A local time as the kiosk shows it.</summary>
    public static string Time(DateTime? local) =>
        local?.ToString(EffectiveSettings.TimestampFormat, CultureInfo.InvariantCulture) ?? "";
}
