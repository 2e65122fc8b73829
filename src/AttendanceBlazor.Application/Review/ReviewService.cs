using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Application.Faces;
using AttendanceBlazor.Application.People;
using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Application.Review;

/// <summary>
/// HR's review list: doubtful matches answered at the kiosk, registrations held because the face is close to
/// someone, failed liveness challenges, and records closed automatically. Each is confirmed, relabelled to another
/// person or rejected; every action is audited and changes records and faces in the same transaction.
/// </summary>
public sealed class ReviewService(
    IDbContextFactory<AttendanceDbContext> dbFactory,
    FaceGallery gallery,
    StillAnalyzer analyzer,
    IOptions<AttendanceOptions> options,
    AttendanceSettings settings,
    TimeProvider time)
{
    /// <summary>What waits for HR, newest first.</summary>
    public async Task<IReadOnlyList<ReviewRow>> OpenAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var items = await db.ReviewItems.AsNoTracking().Where(r => r.State == ReviewState.Open)
            .Select(r => new ReviewRow(r.Id, r.Kind, r.RecordId, r.AtUtc, r.Device, r.CandidatePersonId,
                r.CandidatePerson != null ? r.CandidatePerson.DisplayName : null,
                r.CandidatePerson != null && r.CandidatePerson.Templates.Any(t => t.Thumbnail != null),
                r.Distance, r.PendingName, r.PendingThumbnail != null, r.ConsentUtc != null, r.Version, r.ProposedUtc))
            .ToListAsync(cancellationToken);
        // A record whose person has answered "When did you leave?" shows once: as the answer.
        var closed = await AutoClosedWithoutAnswer(db)
            .Select(r => new ReviewRow(null, null, r.Id, r.CheckOutUtc ?? r.CheckInUtc, r.Device, r.PersonId, r.Person!.DisplayName,
                false, null, null, false, false, r.Version))
            .ToListAsync(cancellationToken);
        return items.Concat(closed).OrderByDescending(r => r.AtUtc).ToList();
    }

    /// <summary>How many things wait for HR (the dashboard's count).</summary>
    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ReviewItems.CountAsync(r => r.State == ReviewState.Open, cancellationToken)
            + await AutoClosedWithoutAnswer(db).CountAsync(cancellationToken);
    }

    private static IQueryable<AttendanceRecord> AutoClosedWithoutAnswer(AttendanceDbContext db) =>
        db.AttendanceRecords.AsNoTracking().Where(r => r.AutoClosed
            && !db.ReviewItems.Any(i => i.Kind == ReviewKind.ForgottenCheckOut && i.State == ReviewState.Open && i.RecordId == r.Id));

    /// <summary>The held face of a pending registration (kept with the person's consent), for HR to look at.</summary>
    public async Task<byte[]?> PendingThumbnailAsync(long itemId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ReviewItems.Where(r => r.Id == itemId && r.State == ReviewState.Open).Select(r => r.PendingThumbnail).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// HR agrees with what the kiosk or the device proposed: a held registration is registered (and checked in at
    /// the time of the still); a doubtful match declined at the kiosk was the candidate after all (the event is
    /// recorded for them); a doubtful match confirmed at the kiosk, a failed liveness challenge or a record closed
    /// automatically is accepted as it is.
    /// </summary>
    public Task<OperationResult> ConfirmAsync(long itemId, Actor actor, CancellationToken cancellationToken = default) =>
        ResolveAsync(itemId, ReviewState.Confirmed, null, actor, cancellationToken);

    /// <summary>It was someone else: the event (or the held face) goes to <paramref name="personId"/>.</summary>
    public Task<OperationResult> RelabelAsync(long itemId, int personId, Actor actor, CancellationToken cancellationToken = default) =>
        ResolveAsync(itemId, ReviewState.Relabelled, personId, actor, cancellationToken);

    /// <summary>
    /// What was proposed is wrong: a held registration is discarded (its face erased), a doubtful match confirmed at
    /// the kiosk is undone, other items are closed with nothing recorded.
    /// </summary>
    public Task<OperationResult> RejectAsync(long itemId, Actor actor, CancellationToken cancellationToken = default) =>
        ResolveAsync(itemId, ReviewState.Rejected, null, actor, cancellationToken);

    /// <summary>A record closed automatically is right as it is: it leaves the list.</summary>
    public async Task<OperationResult> AcceptAutoCloseAsync(long recordId, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.AttendanceRecords.SingleOrDefaultAsync(r => r.Id == recordId, cancellationToken);
        if (record is null) return OperationResult.Fail(Outcome.RecordNotFound);
        if (!record.AutoClosed) return OperationResult.Fail(Outcome.ReviewAlreadyResolved);
        record.AutoClosed = false;
        db.AddAudit(time, actor, AuditEntities.Record, record.Id, AuditActions.ReviewAcceptAutoClose, new { auto_closed = true }, new { auto_closed = false });
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult.Ok(Outcome.ReviewResolved);
    }

    private async Task<OperationResult> ResolveAsync(long itemId, ReviewState state, int? relabelTo, Actor actor, CancellationToken cancellationToken)
    {
        var added = new List<(long TemplateId, int PersonId, float[] Descriptor)>();
        var result = await dbFactory.InTransactionAsync(async (db, ct) =>
        {
            added.Clear();
            var item = await db.ReviewItems.SingleOrDefaultAsync(r => r.Id == itemId, ct);
            if (item is null) return OperationResult.Fail(Outcome.ReviewItemNotFound);
            if (item.State != ReviewState.Open) return OperationResult.Fail(Outcome.ReviewAlreadyResolved);
            Person? target = null;
            if (relabelTo is { } id)
            {
                target = await db.People.SingleOrDefaultAsync(p => p.Id == id && p.ErasedUtc == null, ct);
                if (target is null) return OperationResult.Fail(Outcome.PersonNotFound);
            }
            // Recording, moving or taking back the event of a doubtful match changes the month of its time: refused
            // while that month is approved for either person.
            if (item.Kind is ReviewKind.DoubtfulDeclined or ReviewKind.DoubtfulAsked or ReviewKind.DoubtfulConfirmed
                && !(item.Kind == ReviewKind.DoubtfulConfirmed && state == ReviewState.Confirmed) && !(item.Kind != ReviewKind.DoubtfulConfirmed && state == ReviewState.Rejected))
            {
                var s = await settings.GetAsync(ct);
                foreach (var who in new[] { item.CandidatePersonId, relabelTo }.OfType<int>().Distinct())
                {
                    if (await WorkingTime.PeriodLocks.LockedMonthAsync(db, s, who, [item.AtUtc], ct) is { } locked)
                    {
                        return await WorkingTime.PeriodLocks.RefuseAsync(db, time, actor, who, locked, "review-event", ct);
                    }
                }
            }
            var done = (item.Kind, state) switch
            {
                (ReviewKind.PendingRegistration, ReviewState.Confirmed) => await RegisterHeldAsync(db, item, actor, added, ct),
                (ReviewKind.PendingRegistration, ReviewState.Relabelled) => await AddHeldFacesAsync(db, item, target!, actor, added, ct),
                (ReviewKind.PendingRegistration, ReviewState.Rejected) => Erased(item),
                (ReviewKind.DoubtfulDeclined, ReviewState.Confirmed) when item.CandidatePersonId is { } candidate =>
                    await RecordEventAsync(db, candidate, item, ct),
                (ReviewKind.DoubtfulDeclined or ReviewKind.DoubtfulAsked, ReviewState.Relabelled) => await RecordEventAsync(db, target!.Id, item, ct),
                (ReviewKind.DoubtfulAsked, ReviewState.Confirmed) when item.CandidatePersonId is { } asked =>
                    await RecordEventAsync(db, asked, item, ct),
                (ReviewKind.DoubtfulConfirmed, ReviewState.Relabelled) => await MoveEventAsync(db, item, target!.Id, ct),
                (ReviewKind.DoubtfulConfirmed, ReviewState.Rejected) => await UndoEventAsync(db, item, ct),
                (ReviewKind.LivenessFailed or ReviewKind.LivenessReplayed, ReviewState.Relabelled) => OperationResult.Fail(Outcome.ReviewActionNotPossible),
                (ReviewKind.ForgottenCheckOut, ReviewState.Relabelled) => OperationResult.Fail(Outcome.ReviewActionNotPossible),
                (ReviewKind.ForgottenCheckOut, ReviewState.Confirmed) => await ApplyStatedCheckOutAsync(db, item, actor, ct),
                (ReviewKind.DoubtfulDeclined, ReviewState.Confirmed) => OperationResult.Fail(Outcome.ReviewActionNotPossible),
                _ => OperationResult.Ok(Outcome.ReviewResolved),
            };
            if (!done.Succeeded) return done;
            item.State = state;
            item.ResolvedBy = actor.UserName;
            item.ResolvedUtc = time.GetUtcNow().UtcDateTime;
            var action = state switch { ReviewState.Confirmed => AuditActions.ReviewConfirm, ReviewState.Relabelled => AuditActions.ReviewRelabel, _ => AuditActions.ReviewReject };
            db.AddAudit(time, actor, AuditEntities.Review, item.Id, action, new { kind = item.Kind.ToString(), candidate = item.CandidatePersonId },
                new { state = state.ToString(), person = relabelTo ?? done.Count });
            db.FaceIndexChanged(time.GetUtcNow().UtcDateTime, added.Select(a => a.PersonId));
            await db.SaveChangesAsync(ct);
            return done with { Outcome = Outcome.ReviewResolved };
        }, cancellationToken);
        // The index follows only committed changes.
        if (result.Succeeded) foreach (var (templateId, personId, descriptor) in added) gallery.Add(templateId, personId, descriptor);
        return result;
    }

    /// <summary>HR agrees with the person's answer: the stated time becomes the record's check-out.</summary>
    private async Task<OperationResult> ApplyStatedCheckOutAsync(AttendanceDbContext db, ReviewItem item, Actor actor, CancellationToken cancellationToken)
    {
        var record = await db.AttendanceRecords.SingleOrDefaultAsync(r => r.Id == item.RecordId, cancellationToken);
        if (record is null) return OperationResult.Fail(Outcome.RecordNotFound);
        // HR corrected or accepted the record in the meantime: that decision stands.
        if (!record.AutoClosed || item.ProposedUtc is not { } left || left <= record.CheckInUtc) return OperationResult.Fail(Outcome.ReviewActionNotPossible);
        var s = await settings.GetAsync(cancellationToken);
        if (await WorkingTime.PeriodLocks.LockedMonthAsync(db, s, record.PersonId, [record.CheckInUtc], cancellationToken) is { } locked)
        {
            return await WorkingTime.PeriodLocks.RefuseAsync(db, time, actor, record.PersonId, locked, "apply-forgotten-check-out", cancellationToken);
        }
        CheckIn.ForgottenCheckOuts.Apply(db, time, s, record, left, actor);
        await WorkingTime.PeriodLocks.UnconfirmAsync(db, s, record.PersonId, [record.CheckInUtc], time.GetUtcNow().UtcDateTime, cancellationToken);
        await Integrations.Outbox.AddAsync(db, time, Integrations.WebhookEvents.Corrected, record.PersonId,
            Integrations.Outbox.Record(s, record, null, Integrations.WebhookEvents.Changes.Stated), cancellationToken);
        return OperationResult.Ok(Outcome.ReviewResolved);
    }

    private static OperationResult Erased(ReviewItem item)
    {
        item.PendingDescriptors = null;
        item.PendingThumbnail = null;
        return OperationResult.Ok(Outcome.ReviewResolved);
    }

    private static IEnumerable<float[]> HeldDescriptors(ReviewItem item)
    {
        var bytes = item.PendingDescriptors ?? [];
        const int size = sizeof(float) * Recognition.FaceApi.FaceApiModels.DescriptorLength;
        for (var i = 0; i + size <= bytes.Length; i += size)
        {
            yield return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes.AsSpan(i, size)).ToArray();
        }
    }

    /// <summary>A held registration, registered as HR confirms it: the person, their faces, and their check-in at the time of the still.</summary>
    private async Task<OperationResult> RegisterHeldAsync(AttendanceDbContext db, ReviewItem item, Actor actor, List<(long, int, float[])> added, CancellationToken ct)
    {
        var (name, _) = PersonName.Parse(item.PendingName, options.Value.MaxNameLength);
        if (name is null) return OperationResult.Fail(Outcome.BadName);
        Person person;
        if (await db.TakenByAsync(name, null, ct) is { } taken)
        {
            // The name is of someone HR added without a face: confirming says the face is theirs.
            var faceless = await db.People.SingleOrDefaultAsync(p => p.NormalizedName == name.Normalized && p.ErasedUtc == null && p.PinHash == null && !p.Templates.Any(), ct);
            if (faceless is null) return OperationResult.Fail(Outcome.NameTaken, name.Display) with { OtherName = taken };
            person = faceless;
            (person.ConsentUtc, person.ConsentVersion, person.ConsentSource) = (item.ConsentUtc, item.ConsentVersion, item.Device);
        }
        else
        {
            person = new Person
            {
                DisplayName = name.Display, NormalizedName = name.Normalized, CreatedUtc = item.AtUtc,
                ConsentUtc = item.ConsentUtc, ConsentVersion = item.ConsentVersion, ConsentSource = item.Device,
            };
            db.People.Add(person);
        }
        var templates = HeldDescriptors(item).Select((d, i) => (Descriptor: d, Template: new FaceTemplate
        {
            Person = person, Descriptor = FaceTemplate.FromVector(d), ModelId = analyzer.ModelId, CreatedUtc = item.AtUtc,
            Thumbnail = i == 0 ? item.PendingThumbnail : null,
        })).ToList();
        db.FaceTemplates.AddRange(templates.Select(t => t.Template));
        // A held registration checks the person in at the time of the still, unless they have been in since (HR's
        // person added without a face may have records HR added by hand).
        AttendanceRecord? record = null;
        if (!await db.AttendanceRecords.AnyAsync(r => r.PersonId == person.Id && (r.CheckOutUtc == null || r.CheckOutUtc >= item.AtUtc), ct))
        {
            record = new AttendanceRecord { Person = person, CheckInUtc = item.AtUtc, Source = item.Source, Device = item.Device };
            db.AttendanceRecords.Add(record);
        }
        await db.SaveChangesAsync(ct);
        // The registration happened now, as HR confirmed it: person.registered, then its check-in, in this transaction.
        var effective = await settings.GetAsync(ct);
        await Integrations.Outbox.AddAsync(db, time, Integrations.WebhookEvents.Registered, person.Id, new
        {
            person_id = person.Id, name = person.DisplayName, source = item.Source.ToString(), device = item.Device,
            time_local = Integrations.Outbox.When(effective, item.AtUtc).Local, time_utc = Integrations.Outbox.When(effective, item.AtUtc).Utc,
        }, ct);
        if (record is not null) await Integrations.Outbox.AddAsync(db, time, Integrations.WebhookEvents.CheckedIn, person.Id, Integrations.Outbox.Record(effective, record, person.DisplayName), ct);
        db.AddAudit(time, actor, AuditEntities.Person, person.Id, AuditActions.Register, null,
            new { name = name.Display, source = item.Source.ToString(), item.Device, templates = templates.Count, review = item.Id });
        added.AddRange(templates.Select(t => (t.Template.Id, person.Id, t.Descriptor)));
        item.PendingDescriptors = null;
        item.PendingThumbnail = null;
        return OperationResult.Ok(Outcome.ReviewResolved, name.Display) with { Count = person.Id };
    }

    /// <summary>A held face was someone already registered: it becomes one of their face samples.</summary>
    private async Task<OperationResult> AddHeldFacesAsync(AttendanceDbContext db, ReviewItem item, Person target, Actor actor, List<(long, int, float[])> added, CancellationToken ct)
    {
        var templates = HeldDescriptors(item).Select(d => (Descriptor: d, Template: new FaceTemplate
        {
            PersonId = target.Id, Descriptor = FaceTemplate.FromVector(d), ModelId = analyzer.ModelId, CreatedUtc = item.AtUtc,
        })).ToList();
        db.FaceTemplates.AddRange(templates.Select(t => t.Template));
        db.AddAudit(time, actor, AuditEntities.Person, target.Id, AuditActions.AddFaceSample, null, new { templates = templates.Count, review = item.Id });
        await db.SaveChangesAsync(ct);
        added.AddRange(templates.Select(t => (t.Template.Id, target.Id, t.Descriptor)));
        item.PendingDescriptors = null;
        item.PendingThumbnail = null;
        return OperationResult.Ok(Outcome.ReviewResolved, target.DisplayName);
    }

    /// <summary>
    /// Records the event of the still for <paramref name="personId"/> at its time: the person's open record closes
    /// then, or a new one opens. Refused when the person has events after that time (HR corrects by hand then).
    /// </summary>
    private async Task<OperationResult> RecordEventAsync(AttendanceDbContext db, int personId, ReviewItem item, CancellationToken ct)
    {
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId && p.ErasedUtc == null, ct);
        if (person is null) return OperationResult.Fail(Outcome.PersonNotFound);
        var last = await db.AttendanceRecords.Where(r => r.PersonId == personId).MaxAsync(r => (DateTime?)(r.CheckOutUtc ?? r.CheckInUtc), ct);
        if (last is { } l && l >= item.AtUtc) return OperationResult.Fail(Outcome.LaterEventsExist, person.DisplayName);
        var open = await db.AttendanceRecords.SingleOrDefaultAsync(r => r.PersonId == personId && r.CheckOutUtc == null, ct);
        AttendanceRecord record;
        if (open is not null)
        {
            open.CheckOutUtc = item.AtUtc;
            record = open;
        }
        else
        {
            record = new AttendanceRecord { PersonId = personId, CheckInUtc = item.AtUtc, Source = item.Source, Device = item.Device, MatchDistance = item.Distance };
            db.AttendanceRecords.Add(record);
        }
        await db.SaveChangesAsync(ct);
        item.RecordId = record.Id;
        await Integrations.Outbox.AddAsync(db, time, Integrations.WebhookEvents.Corrected, personId,
            Integrations.Outbox.Record(await settings.GetAsync(ct), record, person.DisplayName, open is null ? Integrations.WebhookEvents.Changes.Added : Integrations.WebhookEvents.Changes.Corrected), ct);
        return OperationResult.Ok(Outcome.ReviewResolved, person.DisplayName) with { Count = personId };
    }

    /// <summary>Takes back the event a confirmed doubtful match made: a check-in is removed, a check-out reopened.</summary>
    private async Task<OperationResult> UndoEventAsync(AttendanceDbContext db, ReviewItem item, CancellationToken ct)
    {
        var record = item.RecordId is { } id ? await db.AttendanceRecords.SingleOrDefaultAsync(r => r.Id == id, ct) : null;
        if (record is null) return OperationResult.Ok(Outcome.ReviewResolved);
        var effective = await settings.GetAsync(ct);
        if (record.CheckOutUtc == item.AtUtc)
        {
            record.CheckOutUtc = null;
            record.CheckOutMatchDistance = null;
            await Integrations.Outbox.AddAsync(db, time, Integrations.WebhookEvents.Corrected, record.PersonId,
                Integrations.Outbox.Record(effective, record, null, Integrations.WebhookEvents.Changes.Corrected), ct);
        }
        else if (record.CheckInUtc == item.AtUtc)
        {
            if (record.CheckOutUtc is not null) return OperationResult.Fail(Outcome.LaterEventsExist);
            await Integrations.Outbox.AddAsync(db, time, Integrations.WebhookEvents.Corrected, record.PersonId,
                Integrations.Outbox.Record(effective, record, null, Integrations.WebhookEvents.Changes.Deleted), ct);
            db.AttendanceRecords.Remove(record);
            item.RecordId = null;
        }
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok(Outcome.ReviewResolved);
    }

    private async Task<OperationResult> MoveEventAsync(AttendanceDbContext db, ReviewItem item, int personId, CancellationToken ct)
    {
        var undone = await UndoEventAsync(db, item, ct);
        return undone.Succeeded ? await RecordEventAsync(db, personId, item, ct) : undone;
    }
}
