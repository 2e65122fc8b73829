using AttendanceBlazor.Application;
using AttendanceBlazor.Application.People;
using AttendanceBlazor.Application.Settings;

namespace AttendanceBlazor.Web.Text;

/// <summary>The one table that says an administrative outcome in words, for snackbars and dialogs.</summary>
public static class OutcomeText
{
    public static string Describe(OperationResult r) => r.Outcome switch
    {
        Outcome.Renamed => $"Renamed '{r.Name}' to '{r.OtherName}'.",
        Outcome.FaceSampleAdded => $"Face sample added to {r.Name}.",
        Outcome.Merged => $"Merged '{r.Name}' into '{r.OtherName}'.",
        Outcome.Activated => $"{r.Name} is active again.",
        Outcome.Deactivated => $"{r.Name} is deactivated.",
        Outcome.AlreadyActive => $"{r.Name} is already active.",
        Outcome.AlreadyInactive => $"{r.Name} is already inactive.",
        Outcome.Erased => r.Count > 0
            ? $"{r.Name} and their face data are deleted; {r.Count} attendance records are kept anonymized."
            : $"{r.Name} and their face data are deleted.",
        Outcome.PinSet => $"{r.Name} can now also check in with a PIN.",
        Outcome.PinSetAndFaceErased => $"{r.Name} now checks in with a PIN; their face data is erased.",
        Outcome.PinCleared => $"{r.Name}'s PIN is removed.",
        Outcome.HadNoPin => $"{r.Name} has no PIN.",
        Outcome.RegisteredWithPin => $"{r.Name} is registered and checks in with a PIN.",
        Outcome.AccountLinked => $"{r.Name} is linked to the account.",
        Outcome.AccountUnlinked => $"{r.Name} is no longer linked to an account.",
        Outcome.RecordCorrected => $"Corrected the record of {r.Name}.",
        Outcome.RecordClosed => $"Closed the record of {r.Name}.",
        Outcome.RecordAdded => $"Added a record for {r.Name}.",
        Outcome.UserCreated => $"Created {r.Name}.",
        Outcome.UserSaved => $"Saved {r.Name}.",
        Outcome.RolesChanged => $"{r.Name}: roles are now {(string.IsNullOrEmpty(r.OtherName) ? "none" : r.OtherName)}.",
        Outcome.NothingChanged => "Nothing changed.",
        Outcome.PasswordSet => $"{r.Name} has a new password.",
        Outcome.UserUnlocked => $"{r.Name} is unlocked.",
        Outcome.UserDisabled => $"{r.Name} is disabled: the account can no longer sign in.",
        Outcome.UserEnabled => $"{r.Name} can sign in again.",
        Outcome.UserDeleted => $"The account {r.Name} is deleted.",
        Outcome.DeviceCreated => $"Device '{r.Name}' created.",
        Outcome.DeviceRevoked => $"Device '{r.Name}' is revoked.",
        Outcome.KioskPaired => $"This screen is now the kiosk '{r.Name}'.",
        Outcome.SettingsSaved => "Saved. The new settings apply to the next check-in.",
        Outcome.ReviewResolved => r.Name is null ? "Done." : $"Done: {r.Name}.",

        Outcome.PersonNotFound => "This person no longer exists.",
        Outcome.AccountNotFound => "This account no longer exists.",
        Outcome.DeviceNotFound => r.Name is null ? "This device no longer exists." : $"There is no device named '{r.Name}'.",
        Outcome.RecordNotFound => "This record no longer exists.",
        Outcome.BadName => Name(r.NameProblem),
        Outcome.NameTaken => $"'{r.Name}' is already the name of someone else.",
        Outcome.ReasonRequired => "A reason is required for this change; it is kept in the audit log.",
        Outcome.SamePerson => "Choose two different people.",
        Outcome.BothCheckedIn => "Both people are checked in now: close one of the open records first.",
        Outcome.NoFaceInPhoto => "No face was found in the photo.",
        Outcome.SeveralFacesInPhoto => "The photo shows several faces: use one with this person only.",
        Outcome.FaceOfSomeoneElse => "This face belongs to someone else.",
        Outcome.UnreadableImage => $"The photo cannot be used: {r.Detail}.",
        Outcome.BadPin => $"A PIN is {PinPolicy.MinLength} to {PinPolicy.MaxLength} digits.",
        Outcome.PinTooEasy => "This PIN is too easy to guess (all the same digit, or a run like 1234).",
        Outcome.AccountAlreadyLinked => $"This account is already linked to {r.OtherName}.",
        Outcome.InvalidEmail => "Enter a valid email address.",
        Outcome.UnknownRole => "Unknown role.",
        Outcome.AccountRefused => r.Detail ?? "The account could not be saved.",
        Outcome.LastAdmin => $"{r.Name} is the last Admin: make someone else Admin first.",
        Outcome.OwnAccount => "You cannot do this to your own account.",
        Outcome.SetupDone => "Setup is already done: sign in instead.",
        Outcome.EditConflict => "Someone else changed this while you were editing it. Close the dialog and look again; your change was not saved.",
        Outcome.TimeSkipped => $"{r.Time:yyyy-MM-dd HH:mm} does not exist in {r.Name} (the clocks skip it). Enter the time as it was shown on the clock.",
        Outcome.FutureTime => "Times in the future cannot be recorded.",
        Outcome.EndBeforeStart => "The check-out must be after the check-in.",
        Outcome.StayTooLong => "A stay longer than 72 hours is not plausible; split it into several records.",
        Outcome.OverlapsOpenRecord => "This would overlap the person's open record. Close that one first.",
        Outcome.OverlapsRecord => $"This would overlap another record of the same person (record {r.Count}). Correct that one first.",
        Outcome.AlreadyOpen => "This person already has an open record; a person can have only one.",
        Outcome.NoScope => "Choose at least one scope.",
        Outcome.BadDeviceName => "A device name has 1 to 100 characters.",
        Outcome.DeviceNameTaken => $"A device named '{r.Name}' already exists.",
        Outcome.SettingsInvalid => string.Join(" ", r.SettingsProblems.Select(Settings)),
        Outcome.ReviewItemNotFound => "This item is no longer on the list.",
        Outcome.ReviewAlreadyResolved => "Someone else decided this already.",
        Outcome.ReviewActionNotPossible => "That decision does not fit this item.",
        Outcome.ForgottenCheckOutProposed => "Thank you: HR will confirm the check-out time.",
        Outcome.ForgottenCheckOutApplied => "The check-out time was changed.",
        Outcome.ForgottenCheckOutOutOfRange => "That time is outside the record: after the check-in and no later than the automatic check-out.",
        Outcome.ForgottenCheckOutAnswered => "This check-out has been answered or handled already.",
        Outcome.PairingCodeInvalid => "That code does not pair a kiosk: it may be mistyped, used or expired (codes last 10 minutes). Ask an administrator for a new one.",
        Outcome.LaterEventsExist => $"{r.Name ?? "This person"} has events after this time: correct the record by hand on the Attendance page.",
        _ => r.Outcome.ToString(),
    };

    public static string Name(NameProblem? problem) => problem?.Kind switch
    {
        NameProblemKind.Empty => "A name is required.",
        NameProblemKind.TooLong => $"The name is too long: {problem.Length} characters, at most {problem.MaxLength}.",
        NameProblemKind.NotAllowedCharacter => $"A name has letters, digits, spaces and ' - . , ( ) only, not \"{problem.Character}\".",
        NameProblemKind.NoLetter => "A name needs at least one letter.",
        _ => "The name contains invisible or control characters.",
    };

    public static string Settings(SettingsProblem problem) => problem switch
    {
        SettingsProblem.MatchThresholdOutOfRange =>
            $"The match threshold must be between {SettingsLimits.MinMatchThreshold:0.00} and {SettingsLimits.MaxMatchThreshold:0.00} (0.60 is the calibrated default).",
        SettingsProblem.SureThresholdOutOfRange =>
            $"The sure threshold must be at least {SettingsLimits.MinSureThreshold:0.00} and below the match threshold (0.45 is the calibrated default).",
        SettingsProblem.DuplicateWindowOutOfRange => $"The duplicate window must be between 0 and {SettingsLimits.MaxDuplicateWindow.TotalSeconds:0} seconds.",
        SettingsProblem.UnknownTimeZone => "This is not a known time zone.",
        SettingsProblem.AutoCheckoutTimeNotATimeOfDay => "The automatic check-out time must be a time of day.",
        SettingsProblem.MaxOpenDurationOutOfRange =>
            $"The maximum open duration must be between {SettingsLimits.MinOpenDuration.TotalHours:0} and {SettingsLimits.MaxOpenDuration.TotalHours:0} hours.",
        SettingsProblem.BadNetworks => "Allowed networks must be CIDR ranges, one per line (for example 10.0.0.0/8 or 2001:db8::/32), at most 2000 characters.",
        SettingsProblem.UnknownChoice => "Choose one of the offered options.",
        _ => $"Retention must be empty (keep everything) or between 1 and {SettingsLimits.MaxRetentionDays} days.",
    };
}
