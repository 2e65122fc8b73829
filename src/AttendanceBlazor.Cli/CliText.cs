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
        Outcome.AccountAlreadyLinked => $"the account is already linked to {r.OtherName}",
        Outcome.PersonNotFound => "no such person",
        Outcome.ReasonRequired => "a reason is required",
        Outcome.NoScope => "choose at least one scope",
        Outcome.BadDeviceName => "a device name has 1 to 100 characters",
        Outcome.DeviceNameTaken => $"a device named '{r.Name}' already exists",
        Outcome.DeviceNotFound => $"no device named '{r.Name}'",
        _ => Words().Replace(r.Outcome.ToString(), " $1").ToLowerInvariant() + (r.Detail is null ? "" : $": {r.Detail}"),
    };

    [GeneratedRegex("(?<=[a-z])([A-Z])")]
    private static partial Regex Words();
}
