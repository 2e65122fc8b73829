using AttendanceBlazor.Data.Entities;

namespace AttendanceBlazor.Application.People;

/// <summary>
/// The one name policy, applied wherever a name enters (kiosk, REST API, HR's rename and PIN registration, the PIN
/// lookup): runs of whitespace collapse to one space, at most the configured length, no control characters. Two
/// names are the same person's name when their <see cref="Normalized"/> forms are equal.
/// </summary>
public sealed record PersonName
{
    private PersonName(string display) => (Display, Normalized) = (display, Person.Normalize(display));

    /// <summary>The name as it is shown.</summary>
    public string Display { get; }

    /// <summary>The form the unique index compares.</summary>
    public string Normalized { get; }

    public override string ToString() => Display;

    /// <summary>A name as typed, cleaned, or why it cannot be one.</summary>
    public static (PersonName? Name, NameProblem? Problem) Parse(string? typed, int maxLength)
    {
        var display = string.Join(' ', (typed ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (display.Length == 0) return (null, new NameProblem(NameProblemKind.Empty));
        if (display.Length > maxLength) return (null, new NameProblem(NameProblemKind.TooLong, display.Length, maxLength));
        if (display.Any(char.IsControl)) return (null, new NameProblem(NameProblemKind.ForbiddenCharacters));
        return (new PersonName(display), null);
    }

    /// <summary>The normalized form of a name looked up, not registered (a PIN check-in, an API query).</summary>
    public static string NormalizeForLookup(string typed) => Person.Normalize(typed);
}
