using AttendanceBlazor.Application.People;
using AttendanceBlazor.Application.Settings;

namespace AttendanceBlazor.Application;

/// <summary>
/// The result of an administrative operation: an <see cref="Application.Outcome"/> and the values a host needs to
/// say it (names, counts, the reason a lower layer gave), never the sentence itself.
/// </summary>
public sealed record OperationResult(bool Succeeded, Outcome Outcome)
{
    /// <summary>The person, account or device the outcome is about, by the name a person knows it.</summary>
    public string? Name { get; init; }

    /// <summary>A second name: the merge target, the new name of a rename, the person an account is already linked to.</summary>
    public string? OtherName { get; init; }

    /// <summary>A reason in words from a lower layer that has no outcome of its own (the image decoder, Identity's password rules).</summary>
    public string? Detail { get; init; }

    /// <summary>A count the outcome mentions (records kept, face templates erased), or the id of a clashing record.</summary>
    public long Count { get; init; }

    /// <summary>A local time the outcome is about (a time the clocks skip).</summary>
    public DateTime? Time { get; init; }

    /// <summary>Why a name was refused.</summary>
    public NameProblem? NameProblem { get; init; }

    /// <summary>Why settings were refused.</summary>
    public IReadOnlyList<SettingsProblem> SettingsProblems { get; init; } = [];

    /// <summary>The id of what was created, when something was.</summary>
    public string? CreatedId { get; init; }

    /// <summary>A secret shown once (a new device's key); never stored.</summary>
    public string? Secret { get; init; }

    public static OperationResult Ok(Outcome outcome, string? name = null) => new(true, outcome) { Name = name };

    public static OperationResult Fail(Outcome outcome, string? name = null) => new(false, outcome) { Name = name };

    public override string ToString() =>
        $"{(Succeeded ? "ok" : "refused")}: {Outcome}{(Name is null ? "" : $" ({Name})")}{(Detail is null ? "" : $": {Detail}")}{(NameProblem is null ? "" : $": {NameProblem}")}";
}
