using System.Text.RegularExpressions;
using AttendanceBlazor.Application;

namespace AttendanceBlazor.Cli;

/// <summary>The CLI's words for the outcomes its commands can meet; one line each, for stderr.</summary>
public static partial class CliText
{
    public static string Describe(OperationResult r) => r.Outcome switch
    {
        Outcome.InvalidEmail => "not a valid email address",
        Outcome.UnknownRole => "unknown role",
        Outcome.AccountRefused => r.Detail ?? "the account could not be saved",
        Outcome.LastAdmin => $"{r.Name} is the last Admin: make someone else Admin first",
        Outcome.OwnAccount => "an account cannot do this to itself",
        Outcome.AccountNotFound => "no such account",
        Outcome.SsoLocalAdmin => $"{r.Name} is a local administrator (made by `admin create` or setup): single sign-on never links or changes it",
        Outcome.SsoSubjectTaken => $"that subject is already linked to {r.Name}",
        Outcome.SsoSubjectRequired => "--subject must name the provider's subject",
        Outcome.AccountAlreadyLinked => $"the account is already linked to {r.OtherName}",
        Outcome.PersonNotFound => "no such person",
        Outcome.ReasonRequired => "a reason is required",
        Outcome.NoScope => "choose at least one scope",
        Outcome.BadDeviceName => "a device name has 1 to 100 characters",
        Outcome.DeviceNameTaken => $"a device named '{r.Name}' already exists",
        Outcome.DeviceNotFound => $"no device named '{r.Name}'",
        Outcome.PeriodLocked => $"the month {Month(r)} is approved and locked: reopen it first (attendance period reopen)",
        Outcome.PeriodNotEnded => $"the month {Month(r)} has not ended yet",
        Outcome.PeriodHasOpenRecords => $"{r.Count} people still have an open record in {Month(r)}: {r.Detail}",
        Outcome.PeriodNotApproved => $"the month {Month(r)} of {r.Name} is not approved",
        Outcome.PeriodAlreadyApproved => $"the month {Month(r)} is already approved",
        Outcome.BadSchedule => "hours are seven numbers from Monday such as 8,8,8,8,8,0,0 (0 to 24 each, a dot for decimals), times HH:mm, a grace of at most 04:00",
        Outcome.BadDateRange => "the dates are not a range of at most 366 days, or the note is longer than 500 characters",
        Outcome.DayOffExists => $"{Day(r)} is already a day off",
        Outcome.DayOffNotFound => $"{Day(r)} is not a day off",
        Outcome.AbsenceOverlaps => $"{r.Name} already has an absence on one of those days",
        Outcome.NameTaken => $"the name '{r.Name}' is taken{(r.OtherName is null ? "" : $" ({r.OtherName})")}",
        Outcome.OverlapsRecord or Outcome.OverlapsOpenRecord => "the times overlap another record of the person",
        Outcome.FutureTime => "a time is in the future",
        Outcome.EndBeforeStart => "the check-out is not after the check-in",
        Outcome.BadWebhookUrl => "the URL must be an absolute http or https address without a user name or password",
        Outcome.BadWebhookEvents => $"--events must be * or a comma-separated list of: {string.Join(", ", AttendanceBlazor.Application.Integrations.WebhookEvents.All)}",
        Outcome.WebhookNotFound => "no such webhook",
        _ => Words().Replace(r.Outcome.ToString(), " $1").ToLowerInvariant() + (r.Detail is null ? "" : $": {r.Detail}"),
    };

    private static string Month(OperationResult r) => r.Time is { } t ? t.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) : "?";

    private static string Day(OperationResult r) => r.Time is { } t ? t.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "?";

    [GeneratedRegex("(?<=[a-z])([A-Z])")]
    private static partial Regex Words();
}
