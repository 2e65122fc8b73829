using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Application.Faces;
using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using AttendanceBlazor.Recognition.Matching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Application.People;

/// <summary>
/// What HR changes about a person: rename, add a face sample, merge, deactivate, erase, link an account. Every change
/// writes an audit entry in the same transaction, and the in-memory face index follows each committed change.
/// </summary>
public sealed class PeopleService(
    IDbContextFactory<AttendanceDbContext> dbFactory,
    FaceGallery gallery,
    StillAnalyzer analyzer,
    AttendanceSettings settings,
    IOptions<AttendanceOptions> options,
    TimeProvider time)
{
    public async Task<OperationResult> RenameAsync(int personId, string? newName, Actor actor, string? reason, CancellationToken cancellationToken = default)
    {
        var (name, problem) = PersonName.Parse(newName, options.Value.MaxNameLength);
        if (name is null) return OperationResult.Fail(Outcome.BadName) with { NameProblem = problem };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null) return OperationResult.Fail(Outcome.PersonNotFound);
        if (await db.TakenByAsync(name, personId, cancellationToken) is { } taken)
        {
            return OperationResult.Fail(Outcome.NameTaken, name.Display) with { OtherName = taken };
        }
        var old = person.DisplayName;
        person.DisplayName = name.Display;
        person.NormalizedName = name.Normalized;
        db.AddAudit(time, actor, AuditEntities.Person, person.Id, AuditActions.Rename, new { name = old }, new { name = name.Display }, reason);
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult.Ok(Outcome.Renamed, old) with { OtherName = name.Display };
    }

    /// <summary>
    /// The name a kiosk that is not sure of this person may ask "Are you ...?" with, in place of the short form of
    /// their name ("Ann L."): a nickname, or initials for someone who does not want even that shown. Empty clears it.
    /// </summary>
    public async Task<OperationResult> SetKioskNameAsync(int personId, string? kioskName, Actor actor, CancellationToken cancellationToken = default)
    {
        string? value = null;
        if (!string.IsNullOrWhiteSpace(kioskName))
        {
            var (name, problem) = PersonName.Parse(kioskName, MaxKioskName);
            if (name is null) return OperationResult.Fail(Outcome.BadName) with { NameProblem = problem };
            value = name.Display;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId && p.ErasedUtc == null, cancellationToken);
        if (person is null) return OperationResult.Fail(Outcome.PersonNotFound);
        if (person.KioskName == value) return OperationResult.Ok(Outcome.NothingChanged, person.DisplayName);
        db.AddAudit(time, actor, AuditEntities.Person, person.Id, AuditActions.SetKioskName, new { kioskName = person.KioskName }, new { kioskName = value }, null);
        person.KioskName = value;
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult.Ok(Outcome.KioskNameSet, person.DisplayName) with { OtherName = value ?? PersonName.KioskForm(person.DisplayName) };
    }

    /// <summary>The longest kiosk name (the column's length).</summary>
    public const int MaxKioskName = 40;

    /// <summary>Adds a face sample from a photo with exactly one face, refused if the face is someone else's.</summary>
    public async Task<OperationResult> AddFaceSampleAsync(int personId, ReadOnlyMemory<byte> photo, Actor actor, CancellationToken cancellationToken = default)
    {
        var still = await analyzer.AnalyzeAsync(photo, cancellationToken);
        if (still.Problem is StillProblem.BadImage or StillProblem.ImageTooLarge) return OperationResult.Fail(Outcome.UnreadableImage) with { Detail = still.Detail };
        if (still.FaceCount > 1) return OperationResult.Fail(Outcome.SeveralFacesInPhoto);
        if (still.Face is not { } face) return OperationResult.Fail(Outcome.NoFaceInPhoto);
        var threshold = (await settings.GetAsync(cancellationToken)).MatchThreshold;
        var match = gallery.Identify(face.Descriptor, threshold);
        if (match.Status is MatchStatus.Match or MatchStatus.Ambiguous && match.Person != personId) return OperationResult.Fail(Outcome.FaceOfSomeoneElse);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId && p.ErasedUtc == null, cancellationToken);
        if (person is null) return OperationResult.Fail(Outcome.PersonNotFound);
        var template = new FaceTemplate
        {
            PersonId = personId,
            Descriptor = FaceTemplate.FromVector(face.Descriptor),
            ModelId = analyzer.ModelId,
            Quality = (float)face.Box.Score,
            CreatedUtc = time.GetUtcNow().UtcDateTime,
            Thumbnail = options.Value.KeepThumbnails ? face.Thumbnail : null,
        };
        db.FaceTemplates.Add(template);
        db.AddAudit(time, actor, AuditEntities.Person, personId, AuditActions.AddFaceSample, null, new { quality = template.Quality });
        db.FaceIndexChanged(time.GetUtcNow().UtcDateTime, personId);
        await db.SaveChangesAsync(cancellationToken);
        if (person.IsActive) gallery.Add(template.Id, personId, face.Descriptor);
        return OperationResult.Ok(Outcome.FaceSampleAdded, person.DisplayName);
    }

    /// <summary>Moves the templates and records of <paramref name="sourceId"/> to <paramref name="targetId"/> and removes the source.</summary>
    public async Task<OperationResult> MergeAsync(int sourceId, int targetId, Actor actor, string? reason, CancellationToken cancellationToken = default)
    {
        if (sourceId == targetId) return OperationResult.Fail(Outcome.SamePerson);
        if (string.IsNullOrWhiteSpace(reason)) return OperationResult.Fail(Outcome.ReasonRequired);
        var result = await dbFactory.InTransactionAsync(async (db, ct) =>
        {
            var source = await db.People.Include(p => p.Templates).Include(p => p.Records).SingleOrDefaultAsync(p => p.Id == sourceId, ct);
            var target = await db.People.Include(p => p.Records).SingleOrDefaultAsync(p => p.Id == targetId, ct);
            if (source is null || target is null) return OperationResult.Fail(Outcome.PersonNotFound);
            if (source.Records.Any(r => r.CheckOutUtc is null) && target.Records.Any(r => r.CheckOutUtc is null))
            {
                return OperationResult.Fail(Outcome.BothCheckedIn);
            }
            // The source's records move into the target's months: refused while any of those months is approved for
            // either of them.
            var effective = await settings.GetAsync(ct);
            var moved = source.Records.Select(r => r.CheckInUtc).ToList();
            foreach (var who in new[] { source.Id, target.Id })
            {
                if (await WorkingTime.PeriodLocks.LockedMonthAsync(db, effective, who, moved, ct) is { } locked)
                {
                    return await WorkingTime.PeriodLocks.RefuseAsync(db, time, actor, who, locked, "merge", ct);
                }
            }
            if (await db.Periods.AnyAsync(p => p.PersonId == source.Id && p.State == PeriodState.Approved, ct))
            {
                var month = await db.Periods.Where(p => p.PersonId == source.Id && p.State == PeriodState.Approved).MinAsync(p => p.Month, ct);
                return await WorkingTime.PeriodLocks.RefuseAsync(db, time, actor, source.Id, month, "merge", ct);
            }
            await WorkingTime.PeriodLocks.UnconfirmAsync(db, effective, target.Id, moved, time.GetUtcNow().UtcDateTime, ct);
            foreach (var t in source.Templates) t.PersonId = target.Id;
            foreach (var r in source.Records)
            {
                r.PersonId = target.Id;
                r.Corrected = true;
            }
            // The frames their challenges showed are the target's now: a recording of either stays refused.
            await db.SeenFrames.Where(f => f.PersonId == source.Id).ExecuteUpdateAsync(u => u.SetProperty(f => f.PersonId, (int?)target.Id), ct);
            db.FaceIndexChanged(time.GetUtcNow().UtcDateTime, source.Id, target.Id);
            db.AddAudit(time, actor, AuditEntities.Person, target.Id, AuditActions.Merge,
                new { merged = source.DisplayName, mergedId = source.Id },
                new { into = target.DisplayName, templates = source.Templates.Count, records = source.Records.Count }, reason);
            foreach (var r in source.Records)
            {
                await Integrations.Outbox.AddAsync(db, time, Integrations.WebhookEvents.Corrected, target.Id,
                    Integrations.Outbox.Record(effective, r, target.DisplayName, Integrations.WebhookEvents.Changes.Merged), ct);
            }
            // The merged person's events (they happened: they are still sent) and reminders now belong to the person
            // merged into, so that person's erasure takes them along too.
            await db.WebhookDeliveries.Where(d => d.PersonId == source.Id).ExecuteUpdateAsync(u => u.SetProperty(d => d.PersonId, target.Id), ct);
            await db.EmailMessages.Where(m => m.PersonId == source.Id).ExecuteUpdateAsync(u => u.SetProperty(m => m.PersonId, target.Id), ct);
            // Save the moves first so the source's cascade cannot take its former rows with it.
            await db.SaveChangesAsync(ct);
            db.People.Remove(source);
            await db.SaveChangesAsync(ct);
            return OperationResult.Ok(Outcome.Merged, source.DisplayName) with { OtherName = target.DisplayName };
        }, cancellationToken);
        if (result.Succeeded) gallery.Reassign(sourceId, targetId);
        return result;
    }

    /// <summary>
    /// An inactive person is not checked in any more; their records stay. Their face stays in the index, so that it is
    /// answered as theirs ("not active") and can never register again under another name.
    /// </summary>
    public async Task<OperationResult> SetActiveAsync(int personId, bool active, Actor actor, string? reason, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.Include(p => p.Templates).SingleOrDefaultAsync(p => p.Id == personId && p.ErasedUtc == null, cancellationToken);
        if (person is null) return OperationResult.Fail(Outcome.PersonNotFound);
        if (person.IsActive == active) return OperationResult.Ok(active ? Outcome.AlreadyActive : Outcome.AlreadyInactive, person.DisplayName);
        person.IsActive = active;
        person.DeactivatedUtc = active ? null : time.GetUtcNow().UtcDateTime;
        db.AddAudit(time, actor, AuditEntities.Person, personId, active ? AuditActions.Activate : AuditActions.Deactivate, new { active = !active }, new { active }, reason);
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult.Ok(active ? Outcome.Activated : Outcome.Deactivated, person.DisplayName);
    }

    /// <summary>
    /// Erases a person: face templates and thumbnails are deleted from the database and the index. Their attendance
    /// records are deleted too, or, when Attendance:KeepRecordsOnErasure is on, kept under an anonymous placeholder
    /// that holds no name, consent, account or PIN. Their names are redacted from every earlier audit entry
    /// (AuditRedaction); the erasure's own entry keeps only who was erased (by id), when, by whom and why. On SQLite
    /// the write-ahead log is then checkpointed and truncated, so the erased rows survive in neither file.
    /// </summary>
    public async Task<OperationResult> EraseAsync(int personId, Actor actor, string? reason, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return OperationResult.Fail(Outcome.ReasonRequired);
        var keepRecords = options.Value.KeepRecordsOnErasure;
        var result = await dbFactory.InTransactionAsync(async (db, ct) =>
        {
            var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId && p.ErasedUtc == null, ct);
            if (person is null) return OperationResult.Fail(Outcome.PersonNotFound);
            var templates = await db.FaceTemplates.Where(t => t.PersonId == personId).ToListAsync(ct);
            var recordIds = await db.AttendanceRecords.Where(r => r.PersonId == personId).Select(r => r.Id).ToListAsync(ct);
            var records = recordIds.Count;
            var name = person.DisplayName;
            // Review items keep when and where, never whom a stranger resembled once that person is erased; a held
            // registration of theirs goes with their face.
            await db.ReviewItems.Where(r => r.CandidatePersonId == personId).ExecuteUpdateAsync(u => u.SetProperty(r => r.CandidatePersonId, (int?)null), ct);
            // A device's resend would otherwise be answered with their name for a day, and a lock would keep their id
            // (security recheck N5).
            await db.IdempotentRequests.Where(r => r.PersonId == personId).ExecuteDeleteAsync(ct);
            await db.PinLocks.Where(l => l.PersonId == personId).ExecuteDeleteAsync(ct);
            // Hashes of their liveness frames are derived from their face: they go with it.
            await db.SeenFrames.Where(f => f.PersonId == personId).ExecuteDeleteAsync(ct);
            var names = await AuditRedaction.RedactPersonAsync(db, personId, name, recordIds, ct);
            // Their webhook events, sent or not, and the delivery log lines about them go; receivers get person.erased
            // with the id alone.
            await db.WebhookDeliveries.Where(d => d.PersonId == personId).ExecuteDeleteAsync(ct);
            await Integrations.Outbox.AddAsync(db, time, Integrations.WebhookEvents.Erased, null, new { person_id = personId }, ct);
            // Their reminders, sent or waiting, and HR's digests that named them (people without an account).
            await db.EmailMessages.Where(m => m.PersonId == personId).ExecuteDeleteAsync(ct);
            await db.EmailMessages.Where(m => m.Kind == Email.ReminderPlanner.Kinds.HrDigest && m.Body.Contains(name)).ExecuteDeleteAsync(ct);
            if (keepRecords)
            {
                // Kept rows keep their times and sources, never where the person was.
                await db.AttendanceRecords.Where(r => r.PersonId == personId).ExecuteUpdateAsync(u => u
                    .SetProperty(r => r.CheckInAddress, (string?)null).SetProperty(r => r.CheckOutAddress, (string?)null)
                    .SetProperty(r => r.CheckInLocation, (string?)null).SetProperty(r => r.CheckOutLocation, (string?)null), ct);
                db.FaceTemplates.RemoveRange(templates);
                // Approved months keep their figures for payroll's records, under the placeholder; HR's notes on
                // absences go.
                foreach (var period in await db.Periods.Where(p => p.PersonId == personId && p.Snapshot != null).ToListAsync(ct))
                {
                    period.Snapshot = (WorkingTime.Timesheet.FromJson(period.Snapshot!) with { Name = Person.ErasedDisplayName(person.Id) }).ToJson();
                }
                await db.Absences.Where(a => a.PersonId == personId).ExecuteUpdateAsync(u => u.SetProperty(a => a.Note, (string?)null), ct);
                person.DisplayName = Person.ErasedDisplayName(person.Id);
                person.NormalizedName = Person.ErasedNormalizedName(person.Id);
                person.KioskName = null;
                person.IsActive = false;
                person.UserId = null;
                person.PinHash = null;
                person.ConsentVersion = null;
                person.ConsentSource = null;
                person.ConsentUtc = null;
                person.ErasedUtc = time.GetUtcNow().UtcDateTime;
            }
            else
            {
                db.People.Remove(person);
            }
            db.AddAudit(time, actor, AuditEntities.Person, personId, AuditActions.Delete, null,
                new { templates = templates.Count, records, records_kept = keepRecords }, AuditRedaction.ReplaceNames(reason, names));
            db.FaceIndexChanged(time.GetUtcNow().UtcDateTime, personId);
            await db.SaveChangesAsync(ct);
            return OperationResult.Ok(Outcome.Erased, name) with { Count = keepRecords ? records : 0 };
        }, cancellationToken);
        if (result.Succeeded)
        {
            gallery.RemovePerson(personId);
            // secure_delete (SqliteSecureDelete) zeroed the rows in the new page images; this moves them into the file and
            // empties the log that still holds the old ones.
            await SqliteWal.TruncateAsync(dbFactory, CancellationToken.None);
        }
        return result;
    }

    public async Task<bool?> EmailRemindersOnAsync(int personId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.People.Where(p => p.Id == personId && p.ErasedUtc == null).Select(p => (bool?)!p.EmailRemindersOff).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The person's own switch for e-mail reminders (on /me); audited like every change to a person.</summary>
    public async Task<OperationResult> SetEmailRemindersAsync(int personId, bool on, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId && p.ErasedUtc == null, cancellationToken);
        if (person is null) return OperationResult.Fail(Outcome.PersonNotFound);
        if (person.EmailRemindersOff == !on) return OperationResult.Ok(Outcome.NothingChanged, person.DisplayName);
        person.EmailRemindersOff = !on;
        db.AddAudit(time, actor, AuditEntities.Person, personId, AuditActions.EmailReminders, new { email_reminders = !on }, new { email_reminders = on });
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult.Ok(on ? Outcome.EmailRemindersOn : Outcome.EmailRemindersOff, person.DisplayName);
    }

    /// <summary>Links a person to a user account (employee self-service), or unlinks with null.</summary>
    public async Task<OperationResult> LinkAccountAsync(int personId, string? userId, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId && p.ErasedUtc == null, cancellationToken);
        if (person is null) return OperationResult.Fail(Outcome.PersonNotFound);
        if (userId is not null)
        {
            if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken)) return OperationResult.Fail(Outcome.AccountNotFound);
            var other = await db.People.FirstOrDefaultAsync(p => p.UserId == userId && p.Id != personId, cancellationToken);
            if (other is not null) return OperationResult.Fail(Outcome.AccountAlreadyLinked, person.DisplayName) with { OtherName = other.DisplayName };
        }
        if (person.UserId == userId) return OperationResult.Ok(userId is null ? Outcome.AccountUnlinked : Outcome.AccountLinked, person.DisplayName);
        var old = person.UserId;
        person.UserId = userId;
        db.AddAudit(time, actor, AuditEntities.Person, personId, userId is null ? AuditActions.UnlinkAccount : AuditActions.LinkAccount,
            new { user_id = old }, new { user_id = userId });
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult.Ok(userId is null ? Outcome.AccountUnlinked : Outcome.AccountLinked, person.DisplayName);
    }
}
