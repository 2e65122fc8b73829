using AttendanceBlazor.Application;
using AttendanceBlazor.Application.People;
using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Web.Localization;
using Microsoft.Extensions.Localization;

namespace AttendanceBlazor.Web.Text;

/// <summary>The one table that says an administrative outcome in words, for snackbars and dialogs, in the reader's language.</summary>
public static class OutcomeText
{
    public static string Describe(IStringLocalizer L, OperationResult r) => r.Outcome switch
    {
        Outcome.Renamed => L["Renamed '{0}' to '{1}'.", r.Name!, r.OtherName!],
        Outcome.KioskNameSet => L["A kiosk that is not sure of {0} now asks \"Are you {1}?\".", r.Name!, r.OtherName!],
        Outcome.FaceSampleAdded => L["Face sample added to {0}.", r.Name!],
        Outcome.Merged => L["Merged '{0}' into '{1}'.", r.Name!, r.OtherName!],
        Outcome.Activated => L["{0} is active again.", r.Name!],
        Outcome.Deactivated => L["{0} is deactivated.", r.Name!],
        Outcome.AlreadyActive => L["{0} is already active.", r.Name!],
        Outcome.AlreadyInactive => L["{0} is already inactive.", r.Name!],
        Outcome.Erased => r.Count > 0
            ? L["{0} and their face data are deleted; {1} attendance records are kept anonymized.", r.Name!, r.Count]
            : L["{0} and their face data are deleted.", r.Name!],
        Outcome.PinSet => L["{0} can now also check in with a PIN.", r.Name!],
        Outcome.PinSetAndFaceErased => L["{0} now checks in with a PIN; their face data is erased.", r.Name!],
        Outcome.PinCleared => L["The PIN of {0} is removed.", r.Name!],
        Outcome.HadNoPin => L["{0} has no PIN.", r.Name!],
        Outcome.RegisteredWithPin => L["{0} is registered and checks in with a PIN.", r.Name!],
        Outcome.AccountLinked => L["{0} is linked to the account.", r.Name!],
        Outcome.AccountUnlinked => L["{0} is no longer linked to an account.", r.Name!],
        Outcome.RecordCorrected => L["Corrected the record of {0}.", r.Name!],
        Outcome.RecordClosed => L["Closed the record of {0}.", r.Name!],
        Outcome.RecordAdded => L["Added a record for {0}.", r.Name!],
        Outcome.UserCreated => L["Created {0}.", r.Name!],
        Outcome.UserSaved => L["Saved {0}.", r.Name!],
        Outcome.RolesChanged => L["{0}: roles are now {1}.", r.Name!, string.IsNullOrEmpty(r.OtherName) ? L["none"] : r.OtherName],
        Outcome.NothingChanged => L["Nothing changed."],
        Outcome.WebhookAdded => L["The webhook for {0} is added.", r.Name!],
        Outcome.WebhookRemoved => L["The webhook for {0} is removed.", r.Name!],
        Outcome.WebhookSecretRotated => L["{0} has a new secret; the old one signs beside it for 24 hours.", r.Name!],
        Outcome.WebhookEnabled => L["The webhook for {0} is enabled again.", r.Name!],
        Outcome.WebhookResent => L["{0} is sent again.", r.Name!],
        Outcome.EmailRemindersOn => L["You will get e-mail reminders."],
        Outcome.SsoLinked => L["{0} is linked to single sign-on.", r.Name!],
        Outcome.SsoLocalAdmin => L["{0} is a local administrator: single sign-on never links or changes it.", r.Name!],
        Outcome.SsoSubjectTaken => L["That reference is already linked to {0}.", r.Name!],
        Outcome.SsoSubjectRequired => L["Enter the person's reference."],
        Outcome.EmailRemindersOff => L["You will get no more e-mail reminders."],
        Outcome.BadWebhookUrl => L["The URL must be an absolute http or https address, without a user name or password."],
        Outcome.BadWebhookEvents => L["Choose at least one event."],
        Outcome.WebhookNotFound => L["This webhook no longer exists."],
        Outcome.PasswordSet => L["{0} has a new password.", r.Name!],
        Outcome.UserUnlocked => L["{0} is unlocked.", r.Name!],
        Outcome.UserDisabled => L["{0} is disabled: the account can no longer sign in.", r.Name!],
        Outcome.UserEnabled => L["{0} can sign in again.", r.Name!],
        Outcome.UserDeleted => L["The account {0} is deleted.", r.Name!],
        Outcome.DeviceCreated => L["Device '{0}' created.", r.Name!],
        Outcome.DeviceRevoked => L["Device '{0}' is revoked.", r.Name!],
        Outcome.DeviceLanguageSet => r.OtherName is null
            ? L["The kiosk '{0}' now follows the language of its browser.", r.Name!]
            : L["The kiosk '{0}' now speaks {1}.", r.Name!, Localization.Cultures.NativeName(r.OtherName)],
        Outcome.KioskPaired => L["This screen is now the kiosk '{0}'.", r.Name!],
        Outcome.SettingsSaved => L["Saved. The new settings apply to the next check-in."],
        Outcome.ReviewResolved => r.Name is null ? L["Done."] : L["Done: {0}.", r.Name],

        Outcome.PersonNotFound => L["This person no longer exists."],
        Outcome.AccountNotFound => L["This account no longer exists."],
        Outcome.DeviceNotFound => r.Name is null ? L["This device no longer exists."] : L["There is no device named '{0}'.", r.Name],
        Outcome.RecordNotFound => L["This record no longer exists."],
        Outcome.BadName => Name(L, r.NameProblem),
        Outcome.NameTaken => L["'{0}' is already the name of someone else.", r.Name!],
        Outcome.ReasonRequired => L["A reason is required for this change; it is kept in the audit log."],
        Outcome.SamePerson => L["Choose two different people."],
        Outcome.BothCheckedIn => L["Both people are checked in now: close one of the open records first."],
        Outcome.NoFaceInPhoto => L["No face was found in the photo."],
        Outcome.SeveralFacesInPhoto => L["The photo shows several faces: use one with this person only."],
        Outcome.FaceOfSomeoneElse => L["This face belongs to someone else."],
        Outcome.UnreadableImage => L["The photo cannot be used: {0}.", r.Detail!],
        Outcome.BadPin => L["A PIN is {0} to {1} digits.", PinPolicy.MinLength, PinPolicy.MaxLength],
        Outcome.PinTooEasy => L["This PIN is too easy to guess (all the same digit, or a run like 1234)."],
        Outcome.AccountAlreadyLinked => L["This account is already linked to {0}.", r.OtherName!],
        Outcome.InvalidEmail => L["Enter a valid email address."],
        Outcome.UnknownRole => L["Unknown role."],
        Outcome.UnknownLanguage => L["Choose one of the offered languages."],
        Outcome.AccountRefused => r.Detail ?? L["The account could not be saved."],
        Outcome.LastAdmin => L["{0} is the last Admin: make someone else Admin first.", r.Name!],
        Outcome.OwnAccount => L["You cannot do this to your own account."],
        Outcome.SetupDone => L["Setup is already done: sign in instead."],
        Outcome.EditConflict => L["Someone else changed this while you were editing it. Close the dialog and look again; your change was not saved."],
        Outcome.TimeSkipped => L["{0} does not exist in {1} (the clocks skip it). Enter the time as it was shown on the clock.", $"{r.Time:yyyy-MM-dd HH:mm}", r.Name!],
        Outcome.FutureTime => L["Times in the future cannot be recorded."],
        Outcome.EndBeforeStart => L["The check-out must be after the check-in."],
        Outcome.StayTooLong => L["A stay longer than 72 hours is not plausible; split it into several records."],
        Outcome.OverlapsOpenRecord => L["This would overlap the person's open record. Close that one first."],
        Outcome.OverlapsRecord => L["This would overlap another record of the same person (record {0}). Correct that one first.", r.Count],
        Outcome.AlreadyOpen => L["This person already has an open record; a person can have only one."],
        Outcome.NoScope => L["Choose at least one scope."],
        Outcome.BadDeviceName => L["A device name has 1 to 100 characters."],
        Outcome.DeviceNameTaken => L["A device named '{0}' already exists.", r.Name!],
        Outcome.SettingsInvalid => string.Join(" ", r.SettingsProblems.Select(p => Settings(L, p))),
        Outcome.ReviewItemNotFound => L["This item is no longer on the list."],
        Outcome.ReviewAlreadyResolved => L["Someone else decided this already."],
        Outcome.ReviewActionNotPossible => L["That decision does not fit this item."],
        Outcome.ForgottenCheckOutProposed => L["Thank you: HR will confirm the check-out time."],
        Outcome.ForgottenCheckOutApplied => L["The check-out time was changed."],
        Outcome.ForgottenCheckOutOutOfRange => L["That time is outside the record: after the check-in and no later than the automatic check-out."],
        Outcome.ForgottenCheckOutAnswered => L["This check-out has been answered or handled already."],
        Outcome.PairingCodeInvalid => L["That code does not pair a kiosk: it may be mistyped, used or expired (codes last 10 minutes). Ask an administrator for a new one."],
        Outcome.LaterEventsExist => r.Name is null
            ? L["This person has events after this time: correct the record by hand on the Attendance page."]
            : L["{0} has events after this time: correct the record by hand on the Attendance page.", r.Name],
        Outcome.ForgottenCheckOutHeldLocked => L["Thank you. That month is already closed for payroll, so HR will handle your answer."],
        Outcome.PersonAdded => L["{0} is added. Add their face on the People page, or confirm their first kiosk registration on the review list.", r.Name!],
        Outcome.ScheduleSet => L["The working time of {0} is saved.", r.Name!],
        Outcome.FirstDaySet => L["The first day of {0} is saved.", r.Name!],
        Outcome.OpeningBalanceSet => L["The opening balance of {0} is saved.", r.Name!],
        Outcome.DayOffAdded => L["{0} is a day off.", Day(r)],
        Outcome.DayOffRemoved => L["{0} is a working day again.", Day(r)],
        Outcome.AbsenceAdded => L["The absence of {0} is saved ({1} days).", r.Name!, r.Count],
        Outcome.AbsenceRemoved => L["The absence is removed."],
        Outcome.PeriodConfirmed => L["Thank you: {0} is confirmed. HR approves it next.", Month(r)],
        Outcome.PeriodApproved => r.Name is null
            ? L["{0} is approved and locked (people approved now: {1}).", Month(r), r.Count]
            : L["{0} of {1} is approved and locked.", Month(r), r.Name],
        Outcome.PeriodReopened => L["{0} of {1} is open again.", Month(r), r.Name!],
        Outcome.PeriodLocked => L["{0} is approved and locked for payroll: it cannot be changed. HR can reopen it on the Months page, with a reason.", Month(r)],
        Outcome.PeriodNotEnded => L["{0} has not ended yet.", Month(r)],
        Outcome.PeriodHasOpenRecords => L["{0} cannot be approved while records are open; close them first: {1}.", Month(r), r.Detail!],
        Outcome.PeriodNotApproved => L["{0} is not approved.", Month(r)],
        Outcome.PeriodAlreadyApproved => L["{0} is already approved.", Month(r)],
        Outcome.ConfirmationOff => L["Confirming one's month is switched off in the settings."],
        Outcome.BadSchedule => L["Hours per weekday are seven numbers from Monday, such as 8,8,8,8,8,0,0 (0 to 24 each, a dot for decimals); the start a time such as 08:30; the grace at most 4 hours; an opening balance needs its month."],
        Outcome.BadDateRange => L["The dates must be a range of at most 366 days, the last not before the first; a note has at most 500 characters."],
        Outcome.DayOffExists => L["{0} is already a day off.", Day(r)],
        Outcome.DayOffNotFound => L["{0} is not a day off.", Day(r)],
        Outcome.AbsenceOverlaps => L["{0} already has an absence on one of those days.", r.Name!],
        Outcome.AbsenceNotFound => L["This absence no longer exists."],
        _ => r.Outcome.ToString(),
    };

    private static string Month(OperationResult r) => r.Time is { } t ? Formats.Month(DateOnly.FromDateTime(t)) : "";

    private static string Day(OperationResult r) => r.Time is { } t ? Formats.Day(t) : "";

    public static string Name(IStringLocalizer L, NameProblem? problem) => problem?.Kind switch
    {
        NameProblemKind.Empty => L["A name is required."],
        NameProblemKind.TooLong => L["The name is too long: {0} characters, at most {1}.", problem.Length, problem.MaxLength],
        NameProblemKind.NotAllowedCharacter => L["A name has letters, digits, spaces and ' - . , ( ) only, not \"{0}\".", problem.Character!],
        NameProblemKind.NoLetter => L["A name needs at least one letter."],
        _ => L["The name contains invisible or control characters."],
    };

    public static string Settings(IStringLocalizer L, SettingsProblem problem) => problem switch
    {
        SettingsProblem.MatchThresholdOutOfRange =>
            L["The match threshold must be between {0:0.00} and {1:0.00} (0.60 is the calibrated default).", SettingsLimits.MinMatchThreshold, SettingsLimits.MaxMatchThreshold],
        SettingsProblem.SureThresholdOutOfRange =>
            L["The sure threshold must be at least {0:0.00} and below the match threshold (0.45 is the calibrated default).", SettingsLimits.MinSureThreshold],
        SettingsProblem.DuplicateWindowOutOfRange => L["The duplicate window must be between 0 and {0:0} seconds.", SettingsLimits.MaxDuplicateWindow.TotalSeconds],
        SettingsProblem.UnknownTimeZone => L["This is not a known time zone."],
        SettingsProblem.AutoCheckoutTimeNotATimeOfDay => L["The automatic check-out time must be a time of day."],
        SettingsProblem.MaxOpenDurationOutOfRange =>
            L["The maximum open duration must be between {0:0} and {1:0} hours.", SettingsLimits.MinOpenDuration.TotalHours, SettingsLimits.MaxOpenDuration.TotalHours],
        SettingsProblem.BadNetworks => L["Allowed networks must be CIDR ranges, one per line (for example 10.0.0.0/8 or 2001:db8::/32), at most 2000 characters."],
        SettingsProblem.UnknownChoice => L["Choose one of the offered options."],
        SettingsProblem.BadSchedule => L["Hours per weekday are seven numbers from Monday, such as 8,8,8,8,8,0,0 (0 to 24 each, a dot for decimals); the start a time of day; the grace at most 240 minutes."],
        _ => L["Retention must be empty (keep everything) or between 1 and {0} days.", SettingsLimits.MaxRetentionDays],
    };
}
