using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Application.Time;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AttendanceBlazor.Application.CheckIn;

/// <summary>
/// A forgotten check-out, asked. When a person's record was closed automatically, their next check-in (kiosk or own
/// tab) asks when they left. The answer is a proposed correction on HR's review list, or, where Settings say so,
/// applied at once; audited either way. Not answering changes nothing, and the question is asked once: at the
/// check-in right after the closed record.
/// </summary>
public sealed class ForgottenCheckOuts(IDbContextFactory<AttendanceDbContext> dbFactory, AttendanceSettings settingsProvider, TimeProvider time)
{
    /// <summary>
    /// As a person checks in (before the new record is added): their last record <paramref name="last"/>, if it was
    /// closed automatically and nobody has answered for it yet; else null.
    /// </summary>
    internal static async Task<ForgottenCheckOut?> UnansweredAsync(AttendanceDbContext db, AttendanceRecord? last, EffectiveSettings settings, CancellationToken cancellationToken)
    {
        if (last is not { AutoClosed: true, CheckOutUtc: { } closed }) return null;
        if (await db.ReviewItems.AnyAsync(i => i.Kind == ReviewKind.ForgottenCheckOut && i.RecordId == last.Id, cancellationToken)) return null;
        return new ForgottenCheckOut(last.Id, settings.ToLocal(last.CheckInUtc), settings.ToLocal(closed));
    }

    /// <summary>
    /// The question waiting for <paramref name="personId"/> outside a check-in (on /me, where a reminder e-mail links):
    /// their latest record, if it was closed automatically in the last two weeks and is still unanswered and
    /// uncorrected; else null.
    /// </summary>
    public async Task<ForgottenCheckOut?> PendingForAsync(int personId, CancellationToken cancellationToken = default)
    {
        var settings = await settingsProvider.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var since = time.GetUtcNow().UtcDateTime.AddDays(-14);
        var last = await db.AttendanceRecords.AsNoTracking().Where(r => r.PersonId == personId).OrderByDescending(r => r.CheckInUtc).FirstOrDefaultAsync(cancellationToken);
        if (last is not { CheckOutSource: AttendanceSource.AutoClose } || last.CheckOutUtc < since) return null;
        return await UnansweredAsync(db, last, settings, cancellationToken);
    }

    /// <summary>
    /// <paramref name="personId"/> says they left record <paramref name="recordId"/> at <paramref name="leftLocal"/>
    /// (the configured time zone), answering at <paramref name="source"/> / <paramref name="device"/>.
    /// </summary>
    public async Task<OperationResult> AnswerAsync(int personId, long recordId, DateTime leftLocal, AttendanceSource source, string? device, Actor actor,
        CancellationToken cancellationToken = default)
    {
        var settings = await settingsProvider.GetAsync(cancellationToken);
        var leftUtc = LocalTime.TruncateToSeconds(LocalTime.ToUtc(leftLocal, settings.TimeZone));
        return await dbFactory.InTransactionAsync(async (db, ct) =>
        {
            var record = await db.AttendanceRecords.Include(r => r.Person).SingleOrDefaultAsync(r => r.Id == recordId && r.PersonId == personId, ct);
            if (record is null) return OperationResult.Fail(Outcome.RecordNotFound);
            if (!record.AutoClosed || record.CheckOutUtc is not { } closed
                || await db.ReviewItems.AnyAsync(i => i.Kind == ReviewKind.ForgottenCheckOut && i.RecordId == recordId, ct))
            {
                return OperationResult.Fail(Outcome.ForgottenCheckOutAnswered);
            }
            if (leftUtc <= record.CheckInUtc || leftUtc > closed) return OperationResult.Fail(Outcome.ForgottenCheckOutOutOfRange);

            var now = time.GetUtcNow().UtcDateTime;
            var item = new ReviewItem
            {
                Kind = ReviewKind.ForgottenCheckOut, State = ReviewState.Open, AtUtc = now, Source = source, Device = device,
                CandidatePersonId = personId, RecordId = recordId, ProposedUtc = leftUtc,
            };
            db.ReviewItems.Add(item);
            db.AddAudit(time, actor, AuditEntities.Record, record.Id, AuditActions.ForgottenCheckOutAnswer,
                new { check_out = settings.Format(closed), auto_closed = true }, new { left_at = settings.Format(leftUtc) });
            // A day of an approved month is not changed by anyone's answer: it waits on HR's list (once), and the
            // person is told HR will handle it.
            var locked = await WorkingTime.PeriodLocks.LockedMonthAsync(db, settings, record.PersonId, [record.CheckInUtc], ct) is not null;
            var apply = settings.ApplyForgottenCheckOuts && !locked;
            if (apply)
            {
                item.State = ReviewState.Confirmed;
                item.ResolvedBy = "settings";
                item.ResolvedUtc = now;
                Apply(db, time, settings, record, leftUtc, actor);
            }
            await db.SaveChangesAsync(ct);
            if (apply) await WorkingTime.PeriodLocks.UnconfirmAsync(db, settings, record.PersonId, [record.CheckInUtc], now, ct);
            await db.SaveChangesAsync(ct);
            // On HR's list only when it waits for HR (not applied at once by the Settings switch).
            if (!apply) await Integrations.Outbox.AddAsync(db, time, Integrations.WebhookEvents.ReviewCreated, personId, CheckReviews.EventData(settings, item), ct);
            if (apply)
            {
                await Integrations.Outbox.AddAsync(db, time, Integrations.WebhookEvents.Corrected, record.PersonId,
                    Integrations.Outbox.Record(settings, record, record.Person?.DisplayName, Integrations.WebhookEvents.Changes.Stated), ct);
            }
            await db.SaveChangesAsync(ct);
            return OperationResult.Ok(apply ? Outcome.ForgottenCheckOutApplied : locked ? Outcome.ForgottenCheckOutHeldLocked : Outcome.ForgottenCheckOutProposed, record.Person?.DisplayName);
        }, cancellationToken);
    }

    /// <summary>The stated time becomes the record's check-out; the audit shows the one time that changed.</summary>
    internal static void Apply(AttendanceDbContext db, TimeProvider time, EffectiveSettings settings, AttendanceRecord record, DateTime leftUtc, Actor actor)
    {
        var before = record.CheckOutUtc is { } old ? settings.Format(old) : null;
        record.CheckOutUtc = leftUtc;
        record.CheckOutSource = AttendanceSource.Stated;
        record.AutoClosed = false;
        record.Corrected = true;
        db.AddAudit(time, actor, AuditEntities.Record, record.Id, AuditActions.CorrectRecord,
            new Dictionary<string, string?> { ["check_out"] = before }, new Dictionary<string, string?> { ["check_out"] = settings.Format(leftUtc) },
            "The person's own answer after an automatic check-out");
    }
}
