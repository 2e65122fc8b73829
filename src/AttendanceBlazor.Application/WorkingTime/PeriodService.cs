using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AttendanceBlazor.Application.WorkingTime;

/// <summary>
/// Confirm, approve, reopen. An employee may confirm an ended month (where Settings allow); HR or an Admin approves
/// an ended month for one person or for everyone, which stores each person's figures and locks the month; a reopen
/// with a reason unlocks it. Every step is audited.
/// </summary>
public sealed class PeriodService(IDbContextFactory<AttendanceDbContext> dbFactory, AttendanceSettings settings, TimeProvider time)
{
    /// <summary>The person confirms their own month (from /me).</summary>
    public async Task<OperationResult> ConfirmAsync(int personId, DateOnly month, Actor actor, CancellationToken cancellationToken = default)
    {
        var s = await settings.GetAsync(cancellationToken);
        if (!s.MonthConfirmation) return OperationResult.Fail(Outcome.ConfirmationOff);
        var now = time.GetUtcNow().UtcDateTime;
        if (s.Today(now) < month.AddMonths(1)) return OperationResult.Fail(Outcome.PeriodNotEnded) with { Time = Month(month) };
        return await dbFactory.InTransactionAsync(async (db, ct) =>
        {
            var period = await db.Periods.SingleOrDefaultAsync(p => p.PersonId == personId && p.Month == month, ct);
            if (period?.State == PeriodState.Approved) return OperationResult.Fail(Outcome.PeriodAlreadyApproved) with { Time = Month(month) };
            if (period is null) db.Periods.Add(period = new MonthPeriod { PersonId = personId, Month = month });
            period.State = PeriodState.Confirmed;
            period.ConfirmedUtc = now;
            period.ChangedAfterConfirmUtc = null;
            db.AddAudit(time, actor, AuditEntities.Period, PeriodLocks.Key(personId, month), AuditActions.ConfirmPeriod, null,
                new { person_id = personId, month = Timesheet.MonthText(month) });
            await db.SaveChangesAsync(ct);
            return OperationResult.Ok(Outcome.PeriodConfirmed) with { Time = Month(month) };
        }, cancellationToken);
    }

    /// <summary>
    /// Approves an ended month for <paramref name="personId"/>, or for everyone the month's list shows. Refused, with
    /// the names, while a record of the month is still open. Months already approved stay as they are.
    /// </summary>
    public async Task<OperationResult> ApproveAsync(DateOnly month, int? personId, Actor actor, CancellationToken cancellationToken = default)
    {
        var s = await settings.GetAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var today = s.Today(now);
        if (today < month.AddMonths(1)) return OperationResult.Fail(Outcome.PeriodNotEnded) with { Time = Month(month) };
        var (fromUtc, toUtc) = (s.StartOfDayUtc(month), s.StartOfDayUtc(month.AddMonths(1)));
        return await dbFactory.InTransactionAsync(async (db, ct) =>
        {
            var people = await db.People
                .Where(p => personId == null ? p.ErasedUtc == null && (p.IsActive || db.AttendanceRecords.Any(r => r.PersonId == p.Id && r.CheckInUtc >= fromUtc && r.CheckInUtc < toUtc)) : p.Id == personId)
                .OrderBy(p => p.DisplayName).ToListAsync(ct);
            if (people.Count == 0) return OperationResult.Fail(Outcome.PersonNotFound);
            var ids = people.Select(p => p.Id).ToList();
            var open = await db.AttendanceRecords.Where(r => ids.Contains(r.PersonId) && r.CheckOutUtc == null && r.CheckInUtc >= fromUtc && r.CheckInUtc < toUtc)
                .Select(r => r.Person!.DisplayName).Distinct().OrderBy(n => n).ToListAsync(ct);
            if (open.Count > 0) return OperationResult.Fail(Outcome.PeriodHasOpenRecords) with { Time = Month(month), Detail = string.Join(", ", open), Count = open.Count };
            var periods = await db.Periods.Where(p => ids.Contains(p.PersonId) && p.Month == month).ToDictionaryAsync(p => p.PersonId, ct);
            var daysOff = await TimesheetService.DaysOffAsync(db, ct);
            var approved = 0;
            foreach (var person in people)
            {
                var period = periods.GetValueOrDefault(person.Id);
                if (period?.State == PeriodState.Approved) continue;
                var sheet = await TimesheetService.ComputeAsync(db, s, person, month, period, daysOff, today, ct);
                var wasConfirmed = period?.State == PeriodState.Confirmed;
                if (period is null) db.Periods.Add(period = new MonthPeriod { PersonId = person.Id, Month = month });
                period.State = PeriodState.Approved;
                period.ApprovedUtc = now;
                period.ApprovedBy = actor.UserName;
                period.ChangedAfterConfirmUtc = null;
                period.Snapshot = (sheet with { State = Timesheet.StateText(PeriodState.Approved) }).ToJson();
                await Integrations.Outbox.AddAsync(db, time, Integrations.WebhookEvents.PeriodApproved, person.Id, new
                {
                    person_id = person.Id, name = person.DisplayName, month = Timesheet.MonthText(month), approved_by = actor.UserName,
                    paid_minutes = sheet.Totals.PaidMinutes, absence_minutes = sheet.Totals.AbsenceMinutes, expected_minutes = sheet.Totals.ExpectedMinutes,
                    balance_minutes = sheet.Totals.BalanceMinutes,
                }, ct);
                db.AddAudit(time, actor, AuditEntities.Period, PeriodLocks.Key(person.Id, month), AuditActions.ApprovePeriod, null,
                    new { person_id = person.Id, month = Timesheet.MonthText(month), confirmed = wasConfirmed, sheet.Totals.PaidMinutes, sheet.Totals.AbsenceMinutes, sheet.Totals.ExpectedMinutes, sheet.Totals.BalanceMinutes });
                approved++;
            }
            await db.SaveChangesAsync(ct);
            return OperationResult.Ok(Outcome.PeriodApproved, personId is null ? null : people[0].DisplayName) with { Time = Month(month), Count = approved };
        }, cancellationToken);
    }

    /// <summary>Unlocks an approved month of one person, with a reason; it is computed from the records again.</summary>
    public async Task<OperationResult> ReopenAsync(DateOnly month, int personId, string? reason, Actor actor, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return OperationResult.Fail(Outcome.ReasonRequired);
        return await dbFactory.InTransactionAsync(async (db, ct) =>
        {
            var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId, ct);
            if (person is null) return OperationResult.Fail(Outcome.PersonNotFound);
            var period = await db.Periods.SingleOrDefaultAsync(p => p.PersonId == personId && p.Month == month, ct);
            if (period?.State != PeriodState.Approved) return OperationResult.Fail(Outcome.PeriodNotApproved, person.DisplayName) with { Time = Month(month) };
            db.AddAudit(time, actor, AuditEntities.Period, PeriodLocks.Key(personId, month), AuditActions.ReopenPeriod,
                new { state = "approved", approved_by = period.ApprovedBy }, new { person_id = personId, month = Timesheet.MonthText(month), state = "open" }, reason);
            await Integrations.Outbox.AddAsync(db, time, Integrations.WebhookEvents.PeriodReopened, personId, new
            {
                person_id = personId, name = person.DisplayName, month = Timesheet.MonthText(month), reopened_by = actor.UserName, reason = reason.Trim(),
            }, ct);
            period.State = PeriodState.Open;
            period.Snapshot = null;
            period.ApprovedUtc = null;
            period.ApprovedBy = null;
            period.ConfirmedUtc = null;
            await db.SaveChangesAsync(ct);
            return OperationResult.Ok(Outcome.PeriodReopened, person.DisplayName) with { Time = Month(month) };
        }, cancellationToken);
    }

    /// <summary>Months with someone's figures not yet approved: how many people wait in each of the last <paramref name="months"/> ended months (the dashboard).</summary>
    public async Task<IReadOnlyList<(DateOnly Month, int Waiting, int Confirmed)>> WaitingAsync(int months, CancellationToken cancellationToken = default)
    {
        var s = await settings.GetAsync(cancellationToken);
        var today = s.Today(time.GetUtcNow().UtcDateTime);
        var current = new DateOnly(today.Year, today.Month, 1);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var result = new List<(DateOnly, int, int)>();
        for (var m = current.AddMonths(-months); m < current; m = m.AddMonths(1))
        {
            var (fromUtc, toUtc) = (s.StartOfDayUtc(m), s.StartOfDayUtc(m.AddMonths(1)));
            var month = m;
            var people = await db.People.Where(p => p.ErasedUtc == null && p.CreatedUtc < toUtc
                    && (p.IsActive || db.AttendanceRecords.Any(r => r.PersonId == p.Id && r.CheckInUtc >= fromUtc && r.CheckInUtc < toUtc)))
                .Select(p => new { State = db.Periods.Where(x => x.PersonId == p.Id && x.Month == month).Select(x => (PeriodState?)x.State).FirstOrDefault() })
                .ToListAsync(cancellationToken);
            var waiting = people.Count(p => p.State != PeriodState.Approved);
            if (waiting > 0) result.Add((m, waiting, people.Count(p => p.State == PeriodState.Confirmed)));
        }
        return result;
    }

    private static DateTime Month(DateOnly month) => month.ToDateTime(TimeOnly.MinValue);
}
