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

    /// <summary>A local day to read: "6 Dec 2026", "06.12.2026".</summary>
    public static string Day(DateTime local) => German
        ? local.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)
        : local.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Time(DateTime? time) => time?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? "";

    public static string Hours(double hours) => hours.ToString("0.0", CultureInfo.CurrentCulture);
}
