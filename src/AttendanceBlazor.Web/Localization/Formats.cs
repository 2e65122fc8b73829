using System.Globalization;

namespace AttendanceBlazor.Web.Localization;

/// <summary>
/// Dates and times as a person reads them, one style per language whatever the browser says: English "6 Dec 2026
/// 09:05" (en-US and en-GB alike: the month in letters, so nobody swaps day and month), German "06.12.2026 09:05";
/// day and month alone as "1 Dec" / "1. Dez.". CSV, JSON, the REST API and the CLI keep ISO
/// (EffectiveSettings.TimestampFormat). Numbers follow the culture: 7.5 h in English, 7,5 h in German.
/// </summary>
public static class Formats
{
    private static bool German => CultureInfo.CurrentCulture.TwoLetterISOLanguageName == "de";

    public static string DayMonth(DateOnly day) => day.ToString(German ? "d. MMM" : "d MMM", CultureInfo.CurrentCulture);

    public static string DayMonth(DateTime day) => DayMonth(DateOnly.FromDateTime(day));

    public static string WeekdayDayMonth(DateTime day) => day.ToString(German ? "ddd, d. MMM" : "ddd d MMM", CultureInfo.CurrentCulture);

    public static string WeekdayTime(DateTime time) => time.ToString(German ? "ddd, HH:mm" : "ddd HH:mm", CultureInfo.CurrentCulture);

    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A local date and time to read: "6 Dec 2026 09:05", "06.12.2026 09:05".</summary>
    public static string When(DateTime local) => German
        ? local.ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture)
        : local.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A UTC instant in the configured time zone, to read; empty while the settings load.</summary>
    public static string When(Application.Settings.EffectiveSettings? settings, DateTime utc) => settings is null ? "" : When(settings.ToLocal(utc));

    /// <summary>What a typed date and time looks like, as a field's placeholder: the language's own style.</summary>
    public static string WhenExample => German ? "06.12.2026 09:05" : "6 Dec 2026 09:05";

    /// <summary>What a typed day looks like, as a field's placeholder.</summary>
    public static string DayExample => German ? "06.12.2026" : "6 Dec 2026";

    // What a person may type: the product's style in either language, and ISO (what the browser's fields used to send,
    // and what a spreadsheet shows). Month names in English only: German writes the month as a number.
    private static readonly string[] WhenFormats =
    [
        "d MMM yyyy HH:mm", "d MMM yyyy H:mm", "d MMMM yyyy HH:mm", "d MMMM yyyy H:mm",
        "dd.MM.yyyy HH:mm", "d.M.yyyy H:mm", "d.M.yyyy HH:mm", "dd.MM.yyyy H:mm",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss",
    ];

    private static readonly string[] DayFormats = ["d MMM yyyy", "d MMMM yyyy", "dd.MM.yyyy", "d.M.yyyy", "yyyy-MM-dd"];

    /// <summary>A local date and time typed by a person, in any of the accepted styles.</summary>
    public static bool TryParseWhen(string? text, out DateTime local) =>
        DateTime.TryParseExact(Squeeze(text), WhenFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out local);

    /// <summary>A day typed by a person, in any of the accepted styles.</summary>
    public static bool TryParseDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(Squeeze(text), DayFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    private static string Squeeze(string? text) => string.Join(' ', (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)).Replace(",", "", StringComparison.Ordinal);

    /// <summary>A local day to read: "6 Dec 2026", "06.12.2026".</summary>
    public static string Day(DateTime local) => German
        ? local.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)
        : local.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Time(DateTime? time) => time?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? "";

    /// <summary>Minutes as hours and minutes: "7:40", "-1:05"; 0 as "0:00".</summary>
    public static string Minutes(int minutes) =>
        string.Create(CultureInfo.InvariantCulture, $"{(minutes < 0 ? "−" : "")}{Math.Abs(minutes) / 60}:{Math.Abs(minutes) % 60:00}");

    /// <summary>A month to read: "November 2026", "November 2026" (German month names in German).</summary>
    public static string Month(DateOnly month) => month.ToString("MMMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>A day of a timesheet: "Tue 3", "Di., 3.".</summary>
    public static string WeekdayDay(DateOnly day) => day.ToString(German ? "ddd, d." : "ddd d", CultureInfo.CurrentCulture);

    public static string Day(DateOnly day) => Day(day.ToDateTime(TimeOnly.MinValue));

    public static string Hours(double hours) => hours.ToString("0.0", CultureInfo.CurrentCulture);
}
