using System.Globalization;
using AttendanceBlazor.Application.Time;
using AttendanceBlazor.Application.WorkingTime;
using AttendanceBlazor.Data.Entities;

// Flat namespace: a folder namespace "WorkingTime" would hide the application's.
namespace AttendanceBlazor.Application.Tests;

/// <summary>
/// The day's figures on a made-up October 2026 in Berlin (8 hours Monday to Friday from 08:00 with 5 minutes' grace,
/// the German break rule, the 7th a company day off), each figure written out by hand.
/// </summary>
public sealed class TimesheetCalculatorTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly WeekSchedule Schedule = new([480, 480, 480, 480, 480, 0, 0], TimeSpan.FromHours(8), TimeSpan.FromMinutes(5));
    private long _id;

    private StaySpan Stay(string checkIn, string? checkOut, bool autoClosed = false, bool corrected = false) =>
        new(++_id, Utc(checkIn), checkOut is null ? null : Utc(checkOut), autoClosed, corrected);

    private static DateTime Utc(string local) =>
        LocalTime.ToUtc(DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), Berlin);

    private Timesheet October(BreakRule rule = BreakRule.Germany)
    {
        var stays = new List<StaySpan>
        {
            Stay("2026-10-01 08:00", "2026-10-01 14:00"),             // exactly 6:00, no break needed
            Stay("2026-10-02 08:05", "2026-10-02 14:06"),             // 6:01: 30 minutes deducted; 08:05 is within the grace
            Stay("2026-10-05 08:06", "2026-10-05 12:00"),             // one minute past the grace; a 14-minute gap is no break
            Stay("2026-10-05 12:14", "2026-10-05 16:00"),
            Stay("2026-10-06 08:00", "2026-10-06 12:00"),             // a 30-minute break
            Stay("2026-10-06 12:30", "2026-10-06 17:00"),
            Stay("2026-10-09 08:00", "2026-10-09 10:00"),             // sick after two hours
            Stay("2026-10-12 07:00", "2026-10-12 12:00"),             // 10:15 with a 45-minute break
            Stay("2026-10-12 12:45", "2026-10-12 18:00"),
            Stay("2026-10-14 22:00", "2026-10-15 06:00"),             // a night shift counts on the day it began
            Stay("2026-10-15 14:00", "2026-10-15 18:00"),             // 8 hours after it: short rest
            Stay("2026-10-24 22:00", "2026-10-25 06:00"),             // the clocks go back at 03:00: 9 hours
            Stay("2026-10-26 08:00", "2026-10-26 20:00", autoClosed: true),
            Stay("2026-10-27 08:00", null),
            Stay("2026-10-28 08:00", "2026-10-28 16:00", corrected: true),
        };
        var input = new MonthInput(new DateOnly(2026, 10, 1), Schedule, null, new HashSet<DateOnly> { new(2026, 10, 7) },
            [(new DateOnly(2026, 10, 8), new DateOnly(2026, 10, 8), AbsenceKind.Vacation), (new DateOnly(2026, 10, 9), new DateOnly(2026, 10, 9), AbsenceKind.Sick)],
            stays, Berlin, rule, Today: new DateOnly(2026, 11, 1));
        return TimesheetCalculator.Compute("Ann Lee", "open", input);
    }

    private static void AssertDay(Timesheet sheet, int day, string? firstIn, string? lastOut, int worked, int breaks, int deducted, int paid, int absence, int expected, params string[] flags)
    {
        var d = sheet.Days[day - 1];
        Assert.Equal($"2026-10-{day:00}", d.Date);
        Assert.Equal((firstIn, lastOut, worked, breaks, deducted, paid, absence, expected), (d.FirstIn, d.LastOut, d.WorkedMinutes, d.BreakMinutes, d.DeductedMinutes, d.PaidMinutes, d.AbsenceMinutes, d.ExpectedMinutes));
        Assert.Equal(flags, d.Flags);
    }

    [Fact]
    public void EachDayOfTheMonthCarriesTheFiguresWorkedOutByHand()
    {
        var sheet = October();
        Assert.Equal(31, sheet.Days.Count);
        AssertDay(sheet, 1, "08:00", "14:00", 360, 0, 0, 360, 0, 480);
        AssertDay(sheet, 2, "08:05", "14:06", 361, 0, 30, 331, 0, 480, "break_short");
        AssertDay(sheet, 3, null, null, 0, 0, 0, 0, 0, 0);
        AssertDay(sheet, 5, "08:06", "16:00", 460, 0, 30, 430, 0, 480, "late", "break_short");
        AssertDay(sheet, 6, "08:00", "17:00", 510, 30, 0, 510, 0, 480);
        AssertDay(sheet, 7, null, null, 0, 0, 0, 0, 0, 0);
        AssertDay(sheet, 8, null, null, 0, 0, 0, 0, 480, 480);
        AssertDay(sheet, 9, "08:00", "10:00", 120, 0, 0, 120, 360, 480);
        AssertDay(sheet, 12, "07:00", "18:00", 615, 45, 0, 615, 0, 480, "over_10h");
        AssertDay(sheet, 13, null, null, 0, 0, 0, 0, 0, 480, "missing");
        AssertDay(sheet, 14, "22:00", "06:00", 480, 0, 30, 450, 0, 480, "late", "break_short");
        AssertDay(sheet, 15, "14:00", "18:00", 240, 0, 0, 240, 0, 480, "late", "short_rest");
        AssertDay(sheet, 24, "22:00", "06:00", 540, 0, 30, 510, 0, 0, "break_short");
        AssertDay(sheet, 25, null, null, 0, 0, 0, 0, 0, 0);
        AssertDay(sheet, 26, "08:00", "20:00", 720, 0, 45, 675, 0, 480, "break_short", "over_10h", "auto_closed");
        AssertDay(sheet, 27, "08:00", null, 0, 0, 0, 0, 0, 480, "open");
        AssertDay(sheet, 28, "08:00", "16:00", 480, 0, 30, 450, 0, 480, "break_short", "corrected");
        Assert.Equal([13, 16, 19, 20, 21, 22, 23, 29, 30], sheet.Days.Where(d => d.Flags.Contains("missing")).Select(d => d.Day.Day));
    }

    [Fact]
    public void TheMonthsTotalsAddUpTheDaysAndTheBalanceIsPaidPlusAbsenceMinusExpected()
    {
        var t = October().Totals;
        // Worked: 360+361+460+510+120+615+480+240+540+720+0+480; paid deducts 30+30+30+30+45+30; 21 working days of 8 hours.
        Assert.Equal(new TimesheetTotals(4886, 4691, 840, 10080, -4549), t);
        var row = PayrollRow.From(October());
        Assert.Equal((78.18m, 14.00m, 168.00m, -75.82m, 12, 3, 9), (row.PaidHours, row.AbsenceHours, row.ExpectedHours, row.BalanceHours, row.DaysWorked, row.LateDays, row.MissingDays));
    }

    [Fact]
    public void WithoutTheBreakRuleNothingIsDeducted()
    {
        var sheet = October(BreakRule.None);
        Assert.All(sheet.Days, d => Assert.Equal(d.WorkedMinutes, d.PaidMinutes));
        Assert.DoesNotContain(sheet.Days, d => d.Flags.Contains("break_short"));
        Assert.Equal(4886, sheet.Totals.PaidMinutes);
    }

    [Fact]
    public void ANightShiftAcrossTheSpringClockChangeIsSevenHours()
    {
        var input = new MonthInput(new DateOnly(2026, 3, 1), Schedule, null, new HashSet<DateOnly>(), [],
            [Stay("2026-03-28 22:00", "2026-03-29 06:00")], Berlin, BreakRule.Germany, new DateOnly(2026, 3, 2));
        var day = TimesheetCalculator.Compute("Ann Lee", "open", input).Days[27];
        Assert.Equal(("2026-03-28", 420, 30, 390), (day.Date, day.WorkedMinutes, day.DeductedMinutes, day.PaidMinutes));
    }

    [Fact]
    public void DaysBeforeTheFirstDayAndFromTodayAreNeverMissing()
    {
        var input = new MonthInput(new DateOnly(2026, 10, 1), Schedule, new DateOnly(2026, 10, 12), new HashSet<DateOnly>(), [], [], Berlin, BreakRule.None,
            Today: new DateOnly(2026, 10, 14));
        var sheet = TimesheetCalculator.Compute("Ann Lee", "open", input);
        Assert.Equal([12, 13], sheet.Days.Where(d => d.Flags.Contains("missing")).Select(d => d.Day.Day));
        Assert.Equal(0, sheet.Days[8].ExpectedMinutes);
        // From the first day on, every scheduled day counts, those still to come too: 15 working days from the 12th.
        Assert.Equal(15 * 480, sheet.Totals.ExpectedMinutes);
    }

    [Theory]
    [InlineData(72.333, 72.33)]
    [InlineData(-87.667, -87.67)]
    [InlineData(0.005, 0.01)]
    [InlineData(-0.005, -0.01)]
    public void HoursAreRoundedHalfAwayFromZeroToTwoDecimals(double hours, double expected)
    {
        Assert.Equal((decimal)expected, Math.Round((decimal)hours, 2, MidpointRounding.AwayFromZero));
        // The export rounds minutes / 60 the same way: 4340 minutes are 72.33 hours, -5260 are -87.67.
        Assert.Equal(72.33m, PayrollRow.Hours(4340));
        Assert.Equal(-87.67m, PayrollRow.Hours(-5260));
    }

    [Fact]
    public void SchedulesParseSevenNumbersWithADotAndRefuseAnythingElse()
    {
        Assert.True(WeekSchedule.TryParseHours("8,8,8,8,6.5,0,0", out var minutes));
        Assert.Equal([480, 480, 480, 480, 390, 0, 0], minutes);
        Assert.False(WeekSchedule.TryParseHours("8,8,8,8,8,0", out _));
        Assert.False(WeekSchedule.TryParseHours("8,8,8,8,6,5,0,0", out _));
        Assert.False(WeekSchedule.TryParseHours("8;8;8;8;8;0;0", out _));
        Assert.False(WeekSchedule.TryParseHours("25,8,8,8,8,0,0", out _));
        Assert.False(WeekSchedule.TryParseHours("-1,8,8,8,8,0,0", out _));
        Assert.Equal("8,8,8,8,6.5,0,0", WeekSchedule.FormatHours(minutes));
    }
}
