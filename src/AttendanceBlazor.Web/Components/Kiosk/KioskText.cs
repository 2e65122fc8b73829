using System.Globalization;
using AttendanceBlazor.Application.CheckIn;
using AttendanceBlazor.Application.Liveness;
using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Web.Text;
using Microsoft.Extensions.Localization;

namespace AttendanceBlazor.Web.Components.Kiosk;

/// <summary>The one table of what the kiosk says, to the person standing at it.</summary>
public static class KioskText
{
    public static string Headline(IStringLocalizer L, CheckResult? result, KioskNotice notice, long maxImageBytes) => notice switch
    {
        KioskNotice.CaptureFailed => L["The camera picture could not be read (at most {0} MB). Please try again.", maxImageBytes / (1024 * 1024)],
        KioskNotice.NoPicture => L["The camera picture could not be taken. Please try again."],
        KioskNotice.SystemBusy => L["The system is busy right now; nothing was recorded. Please try again in a few seconds."],
        KioskNotice.SomethingWentWrong => L["Something went wrong on our side; nothing was recorded. Please try again."],
        KioskNotice.NotLive => L["We could not see the movement we asked for, so nothing was recorded. Please use your PIN, or ask HR."],
        KioskNotice.NoMoreQuestions => L["We are not sure who you are, so nothing was recorded. Please use your PIN, or ask HR."],
        KioskNotice.TooManyAttempts => L["Too many tries in a short time; nothing was recorded. Please wait a minute and try again."],
        KioskNotice.DifferentFace => L["That was not the face we asked about, so nothing was registered. Please start again."],
        _ => result is null ? "" : Headline(L, result),
    };

    public static string Headline(IStringLocalizer L, CheckResult r) => r.Outcome switch
    {
        CheckOutcome.CheckedIn => L["Welcome, {0}! You are checked in.", r.Name!],
        CheckOutcome.CheckedOut => L["Goodbye, {0}! You are checked out.", r.Name!],
        CheckOutcome.Registered => L["Welcome, {0}! You are registered and checked in.", r.Name!],
        CheckOutcome.Duplicate => r.IsIn
            ? L["{0}, you are already checked in (since {1}). Nothing changed.", r.Name!, Time(r.LastEventLocalTime)]
            : L["{0}, you are already checked out (at {1}). Nothing changed.", r.Name!, Time(r.LastEventLocalTime)],
        CheckOutcome.NoFace => L["No face found. Please look straight at the camera."],
        CheckOutcome.TooDark => L["Too dark to see your face. Please turn on a light or face towards it."],
        CheckOutcome.Blurred => L["The picture is blurred. Please hold still for a moment."],
        CheckOutcome.SeveralFaces => L["Several faces: one person at a time, please."],
        CheckOutcome.Ambiguous => L["We could not tell who you are. Please ask HR."],
        CheckOutcome.Inactive => L["Your profile is not active. Please ask HR."],
        CheckOutcome.Lookalike => L["Thank you, {0}. Your face is close to someone already registered, so HR will confirm your registration. Until then, please ask HR for a PIN.", r.Name!],
        CheckOutcome.Doubtful => L["We are not sure who you are. Please ask HR."],
        CheckOutcome.DifferentPeople => L["We saw more than one face. One person at a time, please."],
        CheckOutcome.NotLive => L["We could not see the movement we asked for. Please try again."],
        CheckOutcome.Expired => L["That took too long. Please start again."],
        CheckOutcome.NameTaken => L["That name belongs to someone else. Please add your surname or ask HR."],
        CheckOutcome.FaceBelongsToSomeoneElse => L["This face is registered under another name."],
        CheckOutcome.PinIncomplete => L["Please type your name and your PIN."],
        // The same words whatever went wrong (unknown name, wrong PIN, PIN paused), so the kiosk does not tell who exists.
        CheckOutcome.BadPin => L["Name or PIN not recognised. After several wrong tries a PIN is paused for a while; if this keeps happening, ask HR."],
        CheckOutcome.BadImage or CheckOutcome.ImageTooLarge => L["The picture could not be used: {0}. Please try again.", r.Detail!],
        CheckOutcome.BadName => OutcomeText.Name(L, r.NameProblem),
        CheckOutcome.ConsentRequired => L["Please read and tick the consent to register your face."],
        CheckOutcome.Busy => L["Many people are checking in right now; nothing was recorded. Please try again in {0} seconds.", (int)Math.Max(1, Math.Ceiling((r.RetryAfter ?? TimeSpan.FromSeconds(5)).TotalSeconds))],
        CheckOutcome.ConsentDeclined => L["Without your consent your face is not processed. You can check in with a PIN from HR instead."],
        CheckOutcome.UnknownFace => L["We do not know your face yet."],
        _ => r.Outcome.ToString(),
    };

    /// <summary>What a step of the challenge asks, in the person's own left and right.</summary>
    public static string Instruction(IStringLocalizer L, HeadTurn turn) => turn == HeadTurn.Left
        ? L["Turn your head to your left, then back."]
        : L["Turn your head to your right, then back."];

    /// <summary>A local time as the kiosk shows it.</summary>
    public static string Time(DateTime? local) => local is { } at ? Localization.Formats.When(at) : "";
}
