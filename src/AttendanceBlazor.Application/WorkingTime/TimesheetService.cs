using AttendanceBlazor.Application.People;
using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AttendanceBlazor.Application.WorkingTime;

/// <summary>A person's month as the pages show it: the timesheet, its state, and the balance carried into it.</summary>
public sealed record MonthView(int PersonId, Timesheet Sheet, PeriodState State, int CarriedMinutes, DateTime? ChangedAfterConfirmUtc, bool Ended)
{
    /// <summary>The balance at the end of the month: carried plus the month's.</summary>
    public int RunningMinutes => CarriedMinutes + Sheet.Totals.BalanceMinutes;
}

/// <summary>
/// Timesheets: a person's month computed from their records, schedule, days off and absences, or, once approved,
/// read from the copy the approval stored.
/// </summary>
public sealed class TimesheetService(IDbContextFactory<AttendanceDbContext> dbFactory, AttendanceSettings settings, TimeProvider time)
{
    /// <summary>The month of the person called <paramref name="name"/>; null when nobody has that name.</summary>
    public async Task<MonthView?> OfNamedAsync(string name, DateOnly month, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var normalized = PersonName.NormalizeForLookup(name);
        var id = await db.People.Where(p => p.NormalizedName == normalized && p.ErasedUtc == null).Select(p => (int?)p.Id).SingleOrDefaultAsync(cancellationToken);
        return id is { } personId ? await OfPersonAsync(personId, month, cancellationToken) : null;
    }

    /// <summary>The month of <paramref name="personId"/>, with the balance carried from the months before; null when there is no such person.</summary>
    public async Task<MonthView?> OfPersonAsync(int personId, DateOnly month, CancellationToken cancellationToken = default)
    {
        var s = await settings.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null) return null;
        var today = s.Today(time.GetUtcNow().UtcDateTime);
        var periods = await db.Periods.AsNoTracking().Where(p => p.PersonId == personId && p.Month <= month).ToDictionaryAsync(p => p.Month, cancellationToken);
        var daysOff = await DaysOffAsync(db, cancellationToken);
        var carried = 0;
        var start = BalanceStart(person, s);
        if (person.OpeningBalanceMinutes is { } opening && person.OpeningBalanceFrom is { } from && from <= month) carried += opening;
        for (var m = start; m < month; m = m.AddMonths(1))
        {
            carried += (await ComputeAsync(db, s, person, m, periods.GetValueOrDefault(m), daysOff, today, cancellationToken)).Totals.BalanceMinutes;
        }
        var period = periods.GetValueOrDefault(month);
        var sheet = await ComputeAsync(db, s, person, month, period, daysOff, today, cancellationToken);
        return new MonthView(personId, sheet, period?.State ?? PeriodState.Open, carried, period?.State == PeriodState.Open ? period.ChangedAfterConfirmUtc : null,
            today >= month.AddMonths(1));
    }

    /// <summary>
    /// Everyone's month: each person not erased who is active, or has a record or a stored state in it. Ordered by
    /// name.
    /// </summary>
    public async Task<IReadOnlyList<MonthView>> OfEveryoneAsync(DateOnly month, CancellationToken cancellationToken = default)
    {
        var s = await settings.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (fromUtc, toUtc) = (s.StartOfDayUtc(month), s.StartOfDayUtc(month.AddMonths(1)));
        var people = await db.People.AsNoTracking()
            .Where(p => p.ErasedUtc == null || db.Periods.Any(x => x.PersonId == p.Id && x.Month == month && x.State == PeriodState.Approved))
            .Where(p => p.IsActive || db.Periods.Any(x => x.PersonId == p.Id && x.Month == month)
                || db.AttendanceRecords.Any(r => r.PersonId == p.Id && r.CheckInUtc >= fromUtc && r.CheckInUtc < toUtc))
            .OrderBy(p => p.DisplayName).ToListAsync(cancellationToken);
        var periods = await db.Periods.AsNoTracking().Where(p => p.Month == month).ToDictionaryAsync(p => p.PersonId, cancellationToken);
        var daysOff = await DaysOffAsync(db, cancellationToken);
        var today = s.Today(time.GetUtcNow().UtcDateTime);
        var views = new List<MonthView>();
        foreach (var person in people)
        {
            var period = periods.GetValueOrDefault(person.Id);
            var sheet = await ComputeAsync(db, s, person, month, period, daysOff, today, cancellationToken);
            views.Add(new MonthView(person.Id, sheet, period?.State ?? PeriodState.Open, 0, period?.State == PeriodState.Open ? period.ChangedAfterConfirmUtc : null, today >= month.AddMonths(1)));
        }
        return views;
    }

    /// <summary>
    /// Days from <paramref name="from"/> to <paramref name="to"/> (inclusive) that carry a flag HR acts on (all but
    /// <c>corrected</c>), over everyone: the dashboard's "flagged this week".
    /// </summary>
    public async Task<int> FlaggedDaysAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var count = 0;
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            foreach (var view in await OfEveryoneAsync(month, cancellationToken))
            {
                count += view.Sheet.Days.Count(d => d.Day >= from && d.Day <= to && d.Flags.Any(f => f != DayFlags.Corrected));
            }
        }
        return count;
    }

    /// <summary>The first month the running balance counts: the opening balance's, else the first day's, else the month the person was added.</summary>
    private static DateOnly BalanceStart(Person person, EffectiveSettings s)
    {
        var day = person.OpeningBalanceFrom ?? person.FirstDay ?? DateOnly.FromDateTime(s.ToLocal(person.CreatedUtc));
        return new DateOnly(day.Year, day.Month, 1);
    }

    internal static async Task<HashSet<DateOnly>> DaysOffAsync(AttendanceDbContext db, CancellationToken ct) =>
        (await db.DaysOff.AsNoTracking().Select(d => d.Date).ToListAsync(ct)).ToHashSet();

    /// <summary>One person's month: the approved copy where there is one, else computed now.</summary>
    internal static async Task<Timesheet> ComputeAsync(AttendanceDbContext db, EffectiveSettings s, Person person, DateOnly month, MonthPeriod? period,
        IReadOnlySet<DateOnly> daysOff, DateOnly today, CancellationToken ct)
    {
        if (period is { State: PeriodState.Approved, Snapshot: { } json }) return Timesheet.FromJson(json) with { Name = person.DisplayName };
        // From the day before the month: its last check-out decides the first day's rest.
        var fromUtc = s.StartOfDayUtc(month.AddDays(-1));
        var toUtc = s.StartOfDayUtc(month.AddMonths(1));
        var stays = await db.AttendanceRecords.AsNoTracking()
            .Where(r => r.PersonId == person.Id && r.CheckInUtc >= fromUtc && r.CheckInUtc < toUtc)
            .OrderBy(r => r.CheckInUtc)
            .Select(r => new StaySpan(r.Id, r.CheckInUtc, r.CheckOutUtc, r.AutoClosed, r.Corrected))
            .ToListAsync(ct);
        var monthEnd = month.AddMonths(1).AddDays(-1);
        var absences = await db.Absences.AsNoTracking()
            .Where(a => a.PersonId == person.Id && a.From <= monthEnd && a.To >= month)
            .Select(a => new { a.From, a.To, a.Kind }).ToListAsync(ct);
        var schedule = s.Schedule.Over(person.HoursPerWeekday, person.StartTime, person.LateGrace);
        var input = new MonthInput(month, schedule, person.FirstDay, daysOff, absences.Select(a => (a.From, a.To, a.Kind)).ToList(), stays, s.TimeZone, s.BreakRule, today);
        return TimesheetCalculator.Compute(person.DisplayName, Timesheet.StateText(period?.State ?? PeriodState.Open), input);
    }
}
