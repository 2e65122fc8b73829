using System.Globalization;
using AttendanceBlazor.Data.Entities;

namespace AttendanceBlazor.Application.WorkingTime;

/// <summary>A stay as the day's figures need it: UTC times and what happened to it.</summary>
public sealed record StaySpan(long Id, DateTime InUtc, DateTime? OutUtc, bool AutoClosed, bool Corrected);

/// <summary>Everything one person's month is computed from.</summary>
public sealed record MonthInput(
    DateOnly Month,
    WeekSchedule Schedule,
    DateOnly? FirstDay,
    IReadOnlySet<DateOnly> DaysOff,
    IReadOnlyList<(DateOnly From, DateOnly To, AbsenceKind Kind)> Absences,
    IReadOnlyList<StaySpan> Stays,
    TimeZoneInfo Zone,
    BreakRule BreakRule,
    DateOnly Today);

/// <summary>
/// The day's figures (docs/working-time.md): a stay belongs to the local date of its check-in; worked time is the
/// real elapsed time of the day's closed stays (a clock change makes a night shift 7 or 9 hours, not 8); breaks are
/// the gaps of at least 15 minutes between them; under the German rule a shortfall of breaks is deducted in full;
/// expected hours come from the schedule, none on days off, before a first day or on weekdays it leaves at 0. Pure:
/// no clock, no database.
/// </summary>
public static class TimesheetCalculator
{
    public static readonly TimeSpan MinBreak = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan MinRest = TimeSpan.FromHours(11);
    public const int Over10hMinutes = 600;

    public static Timesheet Compute(string name, string state, MonthInput input)
    {
        var byDay = input.Stays
            .GroupBy(s => LocalDate(s.InUtc, input.Zone))
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.InUtc).ToList());
        var days = new List<TimesheetDay>();
        var end = input.Month.AddMonths(1);
        for (var date = input.Month; date < end; date = date.AddDays(1))
        {
            days.Add(Day(date, byDay.GetValueOrDefault(date) ?? [], byDay.GetValueOrDefault(date.AddDays(-1)), input));
        }
        var worked = days.Sum(d => d.WorkedMinutes);
        var paid = days.Sum(d => d.PaidMinutes);
        var absence = days.Sum(d => d.AbsenceMinutes);
        var expected = days.Sum(d => d.ExpectedMinutes);
        return new Timesheet(name, Timesheet.MonthText(input.Month), state, days, new TimesheetTotals(worked, paid, absence, expected, paid + absence - expected));
    }

    /// <summary>The minutes the breaks of a day with <paramref name="workedMinutes"/> must add up to.</summary>
    public static int RequiredBreak(BreakRule rule, int workedMinutes) => rule switch
    {
        BreakRule.Germany when workedMinutes > 540 => 45,
        BreakRule.Germany when workedMinutes > 360 => 30,
        _ => 0,
    };

    private static TimesheetDay Day(DateOnly date, List<StaySpan> stays, List<StaySpan>? dayBefore, MonthInput input)
    {
        var expected = input.FirstDay is { } first && date < first || input.DaysOff.Contains(date) ? 0 : input.Schedule.MinutesOn(date);
        var absence = input.Absences.Where(a => a.From <= date && date <= a.To).Select(a => (AbsenceKind?)a.Kind).FirstOrDefault();

        var closed = stays.Where(s => s.OutUtc is not null).ToList();
        var workedSeconds = closed.Sum(s => (long)(s.OutUtc!.Value - s.InUtc).TotalSeconds);
        var breakSeconds = 0L;
        for (var i = 1; i < stays.Count; i++)
        {
            if (stays[i - 1].OutUtc is not { } previousOut) continue;
            var gap = stays[i].InUtc - previousOut;
            if (gap >= MinBreak) breakSeconds += (long)gap.TotalSeconds;
        }
        var worked = (int)(workedSeconds / 60);
        var breaks = (int)(breakSeconds / 60);
        var deducted = Math.Max(0, RequiredBreak(input.BreakRule, worked) - breaks);
        var paid = worked - deducted;
        var absenceMinutes = absence is null ? 0 : Math.Max(0, expected - worked);

        var flags = new List<string>();
        DateTime? firstIn = stays.Count > 0 ? Local(stays[0].InUtc, input.Zone) : null;
        if (firstIn is { } f && expected > 0 && absence is null && input.Schedule.Start is { } start
            && TimeSpan.FromMinutes(Math.Floor(f.TimeOfDay.TotalMinutes)) > start + input.Schedule.Grace)
        {
            flags.Add(DayFlags.Late);
        }
        if (stays.Count == 0 && expected > 0 && absence is null && date < input.Today) flags.Add(DayFlags.Missing);
        if (deducted > 0) flags.Add(DayFlags.BreakShort);
        if (paid > Over10hMinutes) flags.Add(DayFlags.Over10h);
        if (stays.Count > 0 && dayBefore?.Where(s => s.OutUtc is not null).Max(s => s.OutUtc) is { } rested && stays[0].InUtc - rested < MinRest)
        {
            flags.Add(DayFlags.ShortRest);
        }
        if (stays.Any(s => s.OutUtc is null)) flags.Add(DayFlags.Open);
        if (stays.Any(s => s.AutoClosed)) flags.Add(DayFlags.AutoClosed);
        if (stays.Any(s => s.Corrected)) flags.Add(DayFlags.Corrected);

        var lastOut = stays.Count > 0 && stays[^1].OutUtc is { } o ? Local(o, input.Zone) : (DateTime?)null;
        return new TimesheetDay(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), firstIn is { } fi ? Clock(fi) : null, lastOut is { } lo ? Clock(lo) : null,
            worked, breaks, deducted, paid, absenceMinutes, expected, flags)
        {
            Absence = absence,
            RecordIds = stays.Select(s => s.Id).ToList(),
        };
    }

    public static DateOnly LocalDate(DateTime utc, TimeZoneInfo zone) => DateOnly.FromDateTime(Local(utc, zone));

    private static DateTime Local(DateTime utc, TimeZoneInfo zone) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    private static string Clock(DateTime local) => local.ToString("HH:mm", CultureInfo.InvariantCulture);
}
