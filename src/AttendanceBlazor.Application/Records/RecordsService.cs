using System.Globalization;
using System.Text;
using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Application.People;
using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Application.Time;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AttendanceBlazor.Application.Records;

/// <summary>
/// The attendance records behind the Attendance page, its CSV export, /me, the REST API's GET /attendance and HR's
/// corrections. Corrections take local wall times in the configured zone, need a reason, are refused when they would
/// make a person be in two places at once, write an audit entry in the same transaction, and are refused when
/// someone else changed the record since it was read (optimistic concurrency on <see cref="AttendanceRecord.Version"/>).
/// </summary>
public sealed class RecordsService(IDbContextFactory<AttendanceDbContext> dbFactory, AttendanceSettings settings, TimeProvider time)
{
    /// <summary>The longest stay a correction may record.</summary>
    public static readonly TimeSpan MaxStay = TimeSpan.FromHours(72);

    /// <summary>The longest range GET /attendance lists at once.</summary>
    public const int MaxRangeDays = 366;

    private const int CsvPageSize = 1000;

    public async Task<(int Total, IReadOnlyList<RecordRow> Rows)> QueryAsync(RecordFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        var effective = await settings.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Filter(db, filter, effective);
        var total = await query.CountAsync(cancellationToken);
        var rows = await Project(query.OrderByDescending(r => r.CheckInUtc).ThenByDescending(r => r.Id).Skip(skip).Take(take))
            .ToListAsync(cancellationToken);
        return (total, rows);
    }

    /// <summary>
    /// The stays of the person called <paramref name="name"/>: the latest one, or those that began between two local
    /// dates (inclusive). Null when nobody has that name.
    /// </summary>
    public async Task<PersonAttendance?> OfPersonAsync(string name, DateOnly? from, DateOnly? to, CancellationToken cancellationToken = default)
    {
        var effective = await settings.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var normalized = PersonName.NormalizeForLookup(name);
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.NormalizedName == normalized, cancellationToken);
        if (person is null) return null;
        var query = db.AttendanceRecords.AsNoTracking().Where(r => r.PersonId == person.Id);
        List<AttendanceRecord> records;
        if (from is { } f && to is { } t)
        {
            var startUtc = effective.StartOfDayUtc(f);
            var endUtc = effective.StartOfDayUtc(t.AddDays(1));
            records = await query.Where(r => r.CheckInUtc >= startUtc && r.CheckInUtc < endUtc).OrderBy(r => r.CheckInUtc).ToListAsync(cancellationToken);
        }
        else
        {
            records = await query.OrderByDescending(r => r.CheckInUtc).Take(1).ToListAsync(cancellationToken);
        }
        return new PersonAttendance(person.DisplayName,
            records.Select(r => (effective.ToLocal(r.CheckInUtc), r.CheckOutUtc is { } o ? effective.ToLocal(o) : (DateTime?)null)).ToList());
    }

    /// <summary>
    /// Writes the filtered records as CSV (UTF-8, RFC 4180 quoting, local times and UTC side by side). Streams in
    /// pages, so a year of records never sits in memory at once.
    /// </summary>
    public async Task WriteCsvAsync(RecordFilter filter, Stream output, CancellationToken cancellationToken = default)
    {
        var effective = await settings.GetAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        // The columns of earlier versions first, in their order; the check-out's source and the personal check-ins'
        // addresses, remote flags and locations after them.
        await writer.WriteLineAsync("record_id,person_id,name,check_in_local,check_out_local,check_in_utc,check_out_utc,hours,open,source,device,auto_closed,time_zone," +
            "check_out_source,check_out_device,check_in_remote,check_out_remote,check_in_address,check_out_address,check_in_location,check_out_location");
        long? lastId = null;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var query = Filter(db, filter, effective);
            if (lastId is { } before) query = query.Where(r => r.Id < before);
            var rows = await Project(query.OrderByDescending(r => r.Id).Take(CsvPageSize)).ToListAsync(cancellationToken);
            foreach (var r in rows)
            {
                var cells = new[]
                {
                    r.Id.ToString(CultureInfo.InvariantCulture), r.PersonId.ToString(CultureInfo.InvariantCulture), r.PersonName,
                    effective.Format(r.CheckInUtc), r.CheckOutUtc is { } o ? effective.Format(o) : "",
                    r.CheckInUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                    r.CheckOutUtc?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? "",
                    r.Duration(now).TotalHours.ToString("0.00", CultureInfo.InvariantCulture),
                    r.IsOpen ? "yes" : "no", r.Source.ToString(), r.Device ?? "", r.AutoClosed ? "yes" : "no", effective.TimeZone.Id,
                    r.CheckOutSource?.ToString() ?? "", r.CheckOutDevice ?? "", r.CheckInRemote ? "yes" : "no", r.CheckOutRemote ? "yes" : "no",
                    r.CheckInAddress ?? "", r.CheckOutAddress ?? "", r.CheckInLocation ?? "", r.CheckOutLocation ?? "",
                };
                await writer.WriteLineAsync(string.Join(',', cells.Select(CsvCell.Escape)));
            }
            if (rows.Count < CsvPageSize) break;
            lastId = rows[^1].Id;
        }
    }

    /// <summary>Hours a person was present in each of the last <paramref name="weeks"/> local weeks (Monday first), oldest first; open stays count up to now.</summary>
    public async Task<IReadOnlyList<(DateOnly WeekStart, double Hours)>> HoursPerWeekAsync(int personId, int weeks, CancellationToken cancellationToken = default)
    {
        var effective = await settings.GetAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var thisWeek = EffectiveSettings.WeekStart(effective.Today(now));
        var starts = Enumerable.Range(0, weeks).Select(i => thisWeek.AddDays(-7 * (weeks - 1 - i))).ToList();
        var from = effective.StartOfDayUtc(starts[0]);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stays = await db.AttendanceRecords.AsNoTracking()
            .Where(r => r.PersonId == personId && (r.CheckOutUtc == null || r.CheckOutUtc > from))
            .Select(r => new { r.CheckInUtc, r.CheckOutUtc }).ToListAsync(cancellationToken);
        return starts.Select(w =>
        {
            var a = effective.StartOfDayUtc(w);
            var b = effective.StartOfDayUtc(w.AddDays(7));
            var hours = stays.Sum(s => EffectiveSettings.Overlap(s.CheckInUtc, s.CheckOutUtc ?? now, a, b).TotalHours);
            return (w, Math.Round(hours, 2));
        }).ToList();
    }

    /// <summary>Changes a record's check-in and check-out (null: still open). Also closes a forgotten check-out.</summary>
    public async Task<OperationResult> CorrectAsync(long recordId, Guid version, DateTime checkInLocal, DateTime? checkOutLocal, string? reason, Actor actor, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return OperationResult.Fail(Outcome.ReasonRequired);
        var effective = await settings.GetAsync(cancellationToken);
        var (inUtc, outUtc, problem) = ToUtc(checkInLocal, checkOutLocal, effective.TimeZone);
        if (problem is not null) return problem;

        try
        {
            return await dbFactory.InTransactionAsync(async (db, ct) =>
            {
                var record = await db.AttendanceRecords.Include(r => r.Person).SingleOrDefaultAsync(r => r.Id == recordId, ct);
                if (record is null) return OperationResult.Fail(Outcome.RecordNotFound);
                if (record.Version != version) return OperationResult.Fail(Outcome.EditConflict);
                // Both the month it is in and the month it would move to must be open.
                if (await WorkingTime.PeriodLocks.LockedMonthAsync(db, effective, record.PersonId, [record.CheckInUtc, inUtc], ct) is { } locked)
                {
                    return await WorkingTime.PeriodLocks.RefuseAsync(db, time, actor, record.PersonId, locked, "correct-record", ct);
                }
                if (await OverlapAsync(db, record.PersonId, inUtc, outUtc, recordId, ct) is { } clash) return clash;

                var wasOpen = record.CheckOutUtc is null;
                var originalIn = record.CheckInUtc;
                // The dialog edits to the minute: a time HR left as it was keeps its seconds, and only what changed
                // is written and audited.
                var inChanged = !SameMinute(record.CheckInUtc, inUtc);
                var outChanged = record.CheckOutUtc is { } old ? outUtc is not { } o2 || !SameMinute(old, o2) : outUtc is not null;
                if (!inChanged && !outChanged) return OperationResult.Ok(Outcome.NothingChanged, record.Person?.DisplayName);
                var before = new Dictionary<string, string?>();
                var after = new Dictionary<string, string?>();
                if (inChanged)
                {
                    before["check_in"] = effective.Format(record.CheckInUtc);
                    after["check_in"] = effective.Format(inUtc);
                    record.CheckInUtc = inUtc;
                    // The event is HR's now: where it first came from goes with the time it no longer has.
                    (record.Source, record.Device, record.CheckInAddress, record.CheckInRemote, record.CheckInLocation) = (AttendanceSource.Manual, $"manual:{actor.UserName}", null, false, null);
                }
                if (outChanged)
                {
                    before["check_out"] = record.CheckOutUtc is { } o ? effective.Format(o) : null;
                    after["check_out"] = outUtc is { } c ? effective.Format(c) : null;
                    record.CheckOutUtc = outUtc;
                    record.CheckOutSource = outUtc is null ? null : AttendanceSource.Manual;
                    record.CheckOutDevice = outUtc is null ? null : $"manual:{actor.UserName}";
                    (record.CheckOutAddress, record.CheckOutRemote, record.CheckOutLocation) = (null, false, null);
                }
                record.AutoClosed = false;
                record.Corrected = true;
                await WorkingTime.PeriodLocks.UnconfirmAsync(db, effective, record.PersonId, [originalIn, inUtc], time.GetUtcNow().UtcDateTime, ct);
                // Make EF compare against the version the person saw, not the one just read, so a change made in
                // between by someone else fails the update instead of being overwritten.
                db.Entry(record).Property(r => r.Version).OriginalValue = version;
                var closes = wasOpen && outUtc is not null;
                Audit(db, actor, record.Id, closes ? AuditActions.CloseRecord : AuditActions.CorrectRecord, before, after, reason, record.Person?.DisplayName);
                await Integrations.Outbox.AddAsync(db, time, Integrations.WebhookEvents.Corrected, record.PersonId,
                    Integrations.Outbox.Record(effective, record, record.Person?.DisplayName, Integrations.WebhookEvents.Changes.Corrected), ct);
                await db.SaveChangesAsync(ct);
                return OperationResult.Ok(closes ? Outcome.RecordClosed : Outcome.RecordCorrected, record.Person?.DisplayName);
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return OperationResult.Fail(Outcome.EditConflict);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            return OperationResult.Fail(Outcome.AlreadyOpen);
        }
    }

    /// <summary>Adds a record the person missed (they forgot to check in), with HR's reason.</summary>
    public async Task<OperationResult> AddAsync(int personId, DateTime checkInLocal, DateTime? checkOutLocal, string? reason, Actor actor, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return OperationResult.Fail(Outcome.ReasonRequired);
        var effective = await settings.GetAsync(cancellationToken);
        var (inUtc, outUtc, problem) = ToUtc(checkInLocal, checkOutLocal, effective.TimeZone);
        if (problem is not null) return problem;
        try
        {
            return await dbFactory.InTransactionAsync(async (db, ct) =>
            {
                var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId && p.ErasedUtc == null, ct);
                if (person is null) return OperationResult.Fail(Outcome.PersonNotFound);
                if (await WorkingTime.PeriodLocks.LockedMonthAsync(db, effective, personId, [inUtc], ct) is { } locked)
                {
                    return await WorkingTime.PeriodLocks.RefuseAsync(db, time, actor, personId, locked, "add-record", ct);
                }
                if (await OverlapAsync(db, personId, inUtc, outUtc, null, ct) is { } clash) return clash;
                await WorkingTime.PeriodLocks.UnconfirmAsync(db, effective, personId, [inUtc], time.GetUtcNow().UtcDateTime, ct);
                var record = new AttendanceRecord
                {
                    PersonId = personId, CheckInUtc = inUtc, CheckOutUtc = outUtc, Source = AttendanceSource.Manual, Device = $"manual:{actor.UserName}",
                    CheckOutSource = outUtc is null ? null : AttendanceSource.Manual, CheckOutDevice = outUtc is null ? null : $"manual:{actor.UserName}",
                };
                db.AttendanceRecords.Add(record);
                await db.SaveChangesAsync(ct);
                Audit(db, actor, record.Id, AuditActions.AddRecord, null,
                    new { check_in = effective.Format(inUtc), check_out = outUtc is { } c ? effective.Format(c) : null }, reason, person.DisplayName);
                await Integrations.Outbox.AddAsync(db, time, Integrations.WebhookEvents.Corrected, personId,
                    Integrations.Outbox.Record(effective, record, person.DisplayName, Integrations.WebhookEvents.Changes.Added), ct);
                await db.SaveChangesAsync(ct);
                return OperationResult.Ok(Outcome.RecordAdded, person.DisplayName);
            }, cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            return OperationResult.Fail(Outcome.AlreadyOpen);
        }
    }

    /// <summary>Whether two instants fall in the same minute (what the correction dialog can show and change).</summary>
    private static bool SameMinute(DateTime a, DateTime b) => a.Ticks / TimeSpan.TicksPerMinute == b.Ticks / TimeSpan.TicksPerMinute;

    /// <summary>Local wall times to UTC, refusing what cannot be right: a time skipped by a clock change, the future, an end before the start.</summary>
    private (DateTime In, DateTime? Out, OperationResult? Problem) ToUtc(DateTime checkInLocal, DateTime? checkOutLocal, TimeZoneInfo zone)
    {
        foreach (var t in new[] { checkInLocal, checkOutLocal ?? checkInLocal })
        {
            if (zone.IsInvalidTime(DateTime.SpecifyKind(t, DateTimeKind.Unspecified)))
            {
                return (default, null, OperationResult.Fail(Outcome.TimeSkipped, zone.Id) with { Time = t });
            }
        }
        var inUtc = LocalTime.TruncateToSeconds(LocalTime.ToUtc(checkInLocal, zone));
        var outUtc = checkOutLocal is { } o ? LocalTime.TruncateToSeconds(LocalTime.ToUtc(o, zone)) : (DateTime?)null;
        var now = time.GetUtcNow().UtcDateTime;
        if (inUtc > now || outUtc > now) return (default, null, OperationResult.Fail(Outcome.FutureTime));
        if (outUtc is { } end && end <= inUtc) return (default, null, OperationResult.Fail(Outcome.EndBeforeStart));
        if (outUtc is { } e2 && e2 - inUtc > MaxStay) return (default, null, OperationResult.Fail(Outcome.StayTooLong));
        return (inUtc, outUtc, null);
    }

    /// <summary>Null, or why the stay would overlap another of the same person's.</summary>
    private static async Task<OperationResult?> OverlapAsync(AttendanceDbContext db, int personId, DateTime inUtc, DateTime? outUtc, long? except, CancellationToken ct)
    {
        var end = outUtc ?? DateTime.MaxValue;
        var other = await db.AttendanceRecords.AsNoTracking()
            .Where(r => r.PersonId == personId && r.Id != (except ?? -1))
            .Where(r => r.CheckInUtc < end && (r.CheckOutUtc == null || r.CheckOutUtc > inUtc))
            .OrderBy(r => r.CheckInUtc).FirstOrDefaultAsync(ct);
        if (other is null) return null;
        return other.CheckOutUtc is null
            ? OperationResult.Fail(Outcome.OverlapsOpenRecord)
            : OperationResult.Fail(Outcome.OverlapsRecord) with { Count = other.Id };
    }

    private static IQueryable<AttendanceRecord> Filter(AttendanceDbContext db, RecordFilter filter, EffectiveSettings settings)
    {
        var query = db.AttendanceRecords.AsNoTracking();
        if (filter.PersonId is { } id) query = query.Where(r => r.PersonId == id);
        if (!string.IsNullOrWhiteSpace(filter.NameSearch))
        {
            var s = Person.Normalize(filter.NameSearch);
            query = query.Where(r => r.Person!.NormalizedName.Contains(s));
        }
        if (filter.From is { } from)
        {
            var fromUtc = settings.StartOfDayUtc(from);
            query = query.Where(r => r.CheckInUtc >= fromUtc);
        }
        if (filter.To is { } to)
        {
            var toUtc = settings.StartOfDayUtc(to.AddDays(1));
            query = query.Where(r => r.CheckInUtc < toUtc);
        }
        if (filter.OpenOnly) query = query.Where(r => r.CheckOutUtc == null);
        if (filter.ReviewOnly) query = query.Where(r => r.AutoClosed);
        if (filter.Source is { } source) query = query.Where(r => r.Source == source || r.CheckOutSource == source);
        if (filter.RemoteOnly) query = query.Where(r => r.CheckInRemote || r.CheckOutRemote);
        return query;
    }

    private static IQueryable<RecordRow> Project(IQueryable<AttendanceRecord> query) =>
        query.Select(r => new RecordRow(r.Id, r.PersonId, r.Person!.DisplayName, r.CheckInUtc, r.CheckOutUtc, r.Source, r.Device, r.AutoClosed, r.Version)
        {
            CheckInRemote = r.CheckInRemote, CheckInAddress = r.CheckInAddress, CheckInLocation = r.CheckInLocation,
            CheckOutSource = r.CheckOutSource, CheckOutDevice = r.CheckOutDevice, CheckOutRemote = r.CheckOutRemote,
            CheckOutAddress = r.CheckOutAddress, CheckOutLocation = r.CheckOutLocation,
        });

    private void Audit(AttendanceDbContext db, Actor actor, long recordId, string action, object? before, object? after, string reason, string? personName) =>
        db.AddAudit(time, actor, AuditEntities.Record, recordId, action, before, after is null ? null : new { person = personName, change = after }, reason);
}
