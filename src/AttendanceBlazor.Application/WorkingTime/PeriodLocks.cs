using System.Globalization;
using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AttendanceBlazor.Application.WorkingTime;

/// <summary>
/// The lock on approved months, for every writer of records: a change to a record whose check-in falls (or would
/// fall) in an approved month of its person is refused, and the refusal is audited; a change to a confirmed month
/// sends it back to open, and the person is told on /me.
/// </summary>
public static class PeriodLocks
{
    /// <summary>The approved month of <paramref name="personId"/> that one of these instants falls in, or null.</summary>
    public static async Task<DateOnly?> LockedMonthAsync(AttendanceDbContext db, EffectiveSettings settings, int personId, IEnumerable<DateTime> utcs, CancellationToken ct)
    {
        var months = utcs.Select(settings.MonthOf).Distinct().ToList();
        return await db.Periods.AsNoTracking()
            .Where(p => p.PersonId == personId && p.State == PeriodState.Approved && months.Contains(p.Month))
            .OrderBy(p => p.Month).Select(p => (DateOnly?)p.Month).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Refuses a change to a locked month: whatever the context tracks is dropped, the refusal is written to the audit
    /// log (HR sees who tried what), and the outcome names the month.
    /// </summary>
    public static async Task<OperationResult> RefuseAsync(AttendanceDbContext db, TimeProvider time, Actor actor, int personId, DateOnly month, string change, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        db.AddAudit(time, actor, AuditEntities.Period, Key(personId, month), AuditActions.RefusedLocked, null,
            new { person_id = personId, month = Timesheet.MonthText(month), change });
        await db.SaveChangesAsync(ct);
        return OperationResult.Fail(Outcome.PeriodLocked) with { Time = month.ToDateTime(TimeOnly.MinValue) };
    }

    /// <summary>A confirmed month these instants fall in goes back to open, marked so that /me tells the person.</summary>
    public static async Task UnconfirmAsync(AttendanceDbContext db, EffectiveSettings settings, int personId, IEnumerable<DateTime> utcs, DateTime nowUtc, CancellationToken ct)
    {
        var months = utcs.Select(settings.MonthOf).Distinct().ToList();
        foreach (var period in await db.Periods.Where(p => p.PersonId == personId && p.State == PeriodState.Confirmed && months.Contains(p.Month)).ToListAsync(ct))
        {
            period.State = PeriodState.Open;
            period.ConfirmedUtc = null;
            period.ChangedAfterConfirmUtc = nowUtc;
        }
    }

    /// <summary>How the audit log names a person's month.</summary>
    public static string Key(int personId, DateOnly month) => string.Create(CultureInfo.InvariantCulture, $"{personId}:{month:yyyy-MM}");
}
