using System.Globalization;
using System.Text;
using AttendanceBlazor.Data.Entities;

namespace AttendanceBlazor.Application.People;

/// <summary>
/// The one name policy, applied wherever a name enters (kiosk, REST API, HR's rename and PIN registration, the PIN
/// lookup). A name is taken in Unicode NFKC with runs of whitespace collapsed; it has at least one letter, and only
/// letters, marks, digits, spaces and ' ’ ‐ - . , ( ) (so HR can write "Ann Lee (Sales)"); control, format
/// (zero-width, bidirectional) and unassigned characters are refused. The typographic apostrophe and hyphen compare as
/// their plain forms. Two names are the same when their <see cref="Normalized"/> forms are equal, and too alike when
/// their <see cref="Skeleton"/>s are (UTS #39).
/// </summary>
public sealed record PersonName
{
    private const string AllowedPunctuation = "'’‐-.,()";

    private PersonName(string display)
    {
        Display = display;
        var folded = Fold(display);
        Normalized = Person.Normalize(folded);
        Skeleton = Confusables.Skeleton(folded.ToLowerInvariant());
    }

    /// <summary>The name as it is shown.</summary>
    public string Display { get; }

    /// <summary>The form the unique index compares.</summary>
    public string Normalized { get; }

    /// <summary>What the name looks like, whatever script each letter comes from.</summary>
    public string Skeleton { get; }

    public override string ToString() => Display;

    /// <summary>
    /// What a kiosk may call someone it is not sure of: the first word and the first letter of the last ("Ann L."
    /// for "Ann Marie Lee"), or the first letter of a one-word name ("M."). Enough for the person to know they are
    /// meant, too little to look a colleague up by a face.
    /// </summary>
    public static string KioskForm(string displayName)
    {
        var words = displayName.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return "";
        static string Initial(string word) => StringInfo.GetNextTextElement(word) + ".";
        return words.Length == 1 ? Initial(words[0]) : $"{words[0]} {Initial(words[^1])}";
    }

    /// <summary>A name as typed, cleaned, or why it cannot be one.</summary>
    public static (PersonName? Name, NameProblem? Problem) Parse(string? typed, int maxLength)
    {
        var display = Clean(typed);
        if (display.Length == 0) return (null, new NameProblem(NameProblemKind.Empty));
        if (display.Length > maxLength) return (null, new NameProblem(NameProblemKind.TooLong, display.Length, maxLength));
        var letters = 0;
        foreach (var rune in display.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return (null, new NameProblem(NameProblemKind.ForbiddenCharacters));
            }
            if (Confusables.IsLetter(rune))
            {
                letters++;
                continue;
            }
            var allowed = category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.DecimalDigitNumber
                || rune.Value == ' '
                || (rune.IsBmp && AllowedPunctuation.Contains((char)rune.Value, StringComparison.Ordinal));
            if (!allowed) return (null, new NameProblem(NameProblemKind.NotAllowedCharacter, Character: rune.ToString()));
        }
        if (letters == 0) return (null, new NameProblem(NameProblemKind.NoLetter));
        return (new PersonName(display), null);
    }

    /// <summary>The normalized form of a name looked up, not registered (a PIN check-in, an API query).</summary>
    public static string NormalizeForLookup(string typed) => Person.Normalize(Fold(Clean(typed)));

    /// <summary>NFKC, then runs of whitespace (any kind) as one space, trimmed.</summary>
    private static string Clean(string? typed)
    {
        var nfkc = (typed ?? "").Normalize(NormalizationForm.FormKC);
        return string.Join(' ', nfkc.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The typographic apostrophe and hyphen as their plain forms, for comparisons only.</summary>
    private static string Fold(string name) => name.Replace('’', '\'').Replace('‐', '-');
}
