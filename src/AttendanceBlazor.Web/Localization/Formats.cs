using System.Globalization;

namespace AttendanceBlazor.Web.Localization;

/// <summary>
/// Day and month as each language writes them, never in an order a reader can swap ("1 Dec", "1. Dez.", never
/// "12/1"); full dates and times stay ISO (yyyy-MM-dd HH:mm:ss, EffectiveSettings.TimestampFormat), which both read
/// alike (ADR 012). Numbers follow the culture: 7.5 h in English, 7,5 h in German.
/// </summary>
public static class Formats
{
    private static bool German => CultureInfo.CurrentCulture.TwoLetterISOLanguageName == "de";

    public static string DayMonth(DateOnly day) => day.ToString(German ? "d. MMM" : "d MMM", CultureInfo.CurrentCulture);

    public static string DayMonth(DateTime day) => DayMonth(DateOnly.FromDateTime(day));

    public static string WeekdayDayMonth(DateTime day) => day.ToString(German ? "ddd, d. MMM" : "ddd d MMM", CultureInfo.CurrentCulture);

    public static string WeekdayTime(DateTime time) => time.ToString(German ? "ddd, HH:mm" : "ddd HH:mm", CultureInfo.CurrentCulture);

    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Time(DateTime? time) => time?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? "";

    public static string Hours(double hours) => hours.ToString("0.0", CultureInfo.CurrentCulture);
}
