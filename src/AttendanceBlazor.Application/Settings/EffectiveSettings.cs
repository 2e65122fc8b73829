using System.Globalization;
using AttendanceBlazor.Application.Time;

namespace AttendanceBlazor.Application.Settings;

/// <summary>The settings in force: the Settings row where it has a value, else the configured default.</summary>
public sealed record EffectiveSettings(
    double MatchThreshold,
    TimeSpan DuplicateWindow,
    TimeZoneInfo TimeZone,
    TimeSpan? AutoCheckoutTime,
    TimeSpan MaxOpenDuration,
    int? RetentionDays,
    double SureThreshold)
{
    /// <summary>How the REST API, the CSV and the audit log write a local time.</summary>
    public const string TimestampFormat = "yyyy-MM-dd HH:mm:ss";

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone);

    public string Format(DateTime utc) => ToLocal(utc).ToString(TimestampFormat, CultureInfo.InvariantCulture);

    /// <summary>The local date at <paramref name="nowUtc"/>.</summary>
    public DateOnly Today(DateTime nowUtc) => DateOnly.FromDateTime(ToLocal(nowUtc));

    /// <summary>When a local day begins, in UTC (a day with a clock change is 23 or 25 hours long).</summary>
    public DateTime StartOfDayUtc(DateOnly day) => LocalTime.ToUtc(day.ToDateTime(TimeOnly.MinValue), TimeZone);

    /// <summary>The Monday of the week <paramref name="day"/> is in.</summary>
    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>How much of a stay from <paramref name="inUtc"/> to <paramref name="outUtc"/> falls between <paramref name="fromUtc"/> and <paramref name="toUtc"/>.</summary>
    public static TimeSpan Overlap(DateTime inUtc, DateTime outUtc, DateTime fromUtc, DateTime toUtc)
    {
        var start = inUtc > fromUtc ? inUtc : fromUtc;
        var end = outUtc < toUtc ? outUtc : toUtc;
        return end > start ? end - start : TimeSpan.Zero;
    }
}
