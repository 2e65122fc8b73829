using System.Globalization;
using System.Text;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using AttendanceBlazor.Web.People;
using Microsoft.EntityFrameworkCore;

namespace AttendanceBlazor.Web.Attendance;

/// <summary>Which records to list: one person or a name search, local dates (inclusive), only open ones.</summary>
public sealed record RecordFilter(int? PersonId = null, string? NameSearch = null, DateOnly? From = null, DateOnly? To = null, bool OpenOnly = false, bool ReviewOnly = false);

/// <summary>A record as the grids show it; times are UTC, the page formats them in the configured zone.</summary>
public sealed record RecordRow(
    long Id, int PersonId, string PersonName, DateTime CheckInUtc, DateTime? CheckOutUtc, AttendanceSource Source,
    string? Device, bool AutoClosed, Guid Version)
{
    public bool IsOpen => CheckOutUtc is null;

    /// <summary>The stay's length; an open record counts up to <paramref name="nowUtc"/>.</summary>
    public TimeSpan Duration(DateTime nowUtc) => (CheckOutUtc ?? nowUtc) - CheckInUtc;
}

/// <summary>
/// The attendance records behind the Attendance page, its CSV export and HR's corrections. Corrections take local
/// wall times in the configured zone, need a reason, are refused when they would make a person be in two places at
/// once, write an audit entry in the same transaction, and fail with a clear message when someone else changed the
/// record since it was read (optimistic concurrency on <see cref="AttendanceRecord.Version"/>).
/// </summary>
public sealed class RecordsService(IDbContextFactory<AttendanceDbContext> dbFactory, AttendanceSettings settings, TimeProvider time)
{
    public const string ConflictMessage = "Someone else changed this record while you were editing it. Close the dialog and look at the record again; your change was not saved.";

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
    /// Writes the filtered records as CSV (UTF-8, RFC 4180 quoting, local times and UTC side by side). Streams in
    /// pages, so a year of records never sits in memory at once.
    /// </summary>
    public async Task WriteCsvAsync(RecordFilter filter, Stream output, CancellationToken cancellationToken = default)
    {
        var effective = await settings.GetAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        await writer.WriteLineAsync($"record_id,person_id,name,check_in_local,check_out_local,check_in_utc,check_out_utc,hours,open,source,device,auto_closed,time_zone");
        const int page = 1000;
        long? lastId = null;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var query = Filter(db, filter, effective);
            if (lastId is { } before) query = query.Where(r => r.Id < before);
            var rows = await Project(query.OrderByDescending(r => r.Id).Take(page)).ToListAsync(cancellationToken);
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
                };
                await writer.WriteLineAsync(string.Join(',', cells.Select(CsvCell)));
            }
            if (rows.Count < page) break;
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
    public async Task<PeopleResult> CorrectAsync(long recordId, Guid version, DateTime checkInLocal, DateTime? checkOutLocal, string? reason, Actor actor, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return PeopleResult.Fail("A reason is required for every correction.");
        var effective = await settings.GetAsync(cancellationToken);
        var (inUtc, outUtc, problem) = ToUtc(checkInLocal, checkOutLocal, effective.TimeZone);
        if (problem is not null) return PeopleResult.Fail(problem);

        try
        {
            return await dbFactory.InTransactionAsync(async (db, ct) =>
            {
                var record = await db.AttendanceRecords.Include(r => r.Person).SingleOrDefaultAsync(r => r.Id == recordId, ct);
                if (record is null) return PeopleResult.Fail("This record no longer exists.");
                if (record.Version != version) return PeopleResult.Fail(ConflictMessage);
                if (await OverlapAsync(db, record.PersonId, inUtc, outUtc, recordId, ct) is { } clash) return PeopleResult.Fail(clash);

                var before = new { check_in = effective.Format(record.CheckInUtc), check_out = record.CheckOutUtc is { } o ? effective.Format(o) : null };
                var wasOpen = record.CheckOutUtc is null;
                record.CheckInUtc = inUtc;
                record.CheckOutUtc = outUtc;
                record.AutoClosed = false;
                // Make EF compare against the version the person saw, not the one just read, so a change made in
                // between by someone else fails the update instead of being overwritten.
                db.Entry(record).Property(r => r.Version).OriginalValue = version;
                var after = new { check_in = effective.Format(inUtc), check_out = outUtc is { } c ? effective.Format(c) : null };
                Audit(db, actor, record.Id, wasOpen && outUtc is not null ? "close-record" : "correct-record", before, after, reason, record.Person?.DisplayName);
                await db.SaveChangesAsync(ct);
                return PeopleResult.Ok(wasOpen && outUtc is not null
                    ? $"Closed the record of {record.Person?.DisplayName}."
                    : $"Corrected the record of {record.Person?.DisplayName}.");
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return PeopleResult.Fail(ConflictMessage);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            return PeopleResult.Fail("This person already has an open record; a person can have only one.");
        }
    }

    /// <summary>Adds a record the person missed (they forgot to check in), with HR's reason.</summary>
    public async Task<PeopleResult> AddAsync(int personId, DateTime checkInLocal, DateTime? checkOutLocal, string? reason, Actor actor, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return PeopleResult.Fail("A reason is required for every correction.");
        var effective = await settings.GetAsync(cancellationToken);
        var (inUtc, outUtc, problem) = ToUtc(checkInLocal, checkOutLocal, effective.TimeZone);
        if (problem is not null) return PeopleResult.Fail(problem);
        try
        {
            return await dbFactory.InTransactionAsync(async (db, ct) =>
            {
                var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId, ct);
                if (person is null) return PeopleResult.Fail("This person no longer exists.");
                if (await OverlapAsync(db, personId, inUtc, outUtc, null, ct) is { } clash) return PeopleResult.Fail(clash);
                var record = new AttendanceRecord { PersonId = personId, CheckInUtc = inUtc, CheckOutUtc = outUtc, Source = AttendanceSource.Manual, Device = $"manual:{actor.UserName}" };
                db.AttendanceRecords.Add(record);
                await db.SaveChangesAsync(ct);
                Audit(db, actor, record.Id, "add-record", null,
                    new { check_in = effective.Format(inUtc), check_out = outUtc is { } c ? effective.Format(c) : null }, reason, person.DisplayName);
                await db.SaveChangesAsync(ct);
                return PeopleResult.Ok($"Added a record for {person.DisplayName}.");
            }, cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            return PeopleResult.Fail("This person already has an open record; a person can have only one.");
        }
    }

    /// <summary>Local wall times to UTC, refusing what cannot be right: a time skipped by a clock change, the future, an end before the start.</summary>
    private (DateTime In, DateTime? Out, string? Problem) ToUtc(DateTime checkInLocal, DateTime? checkOutLocal, TimeZoneInfo zone)
    {
        foreach (var t in new[] { checkInLocal, checkOutLocal ?? checkInLocal })
        {
            if (zone.IsInvalidTime(DateTime.SpecifyKind(t, DateTimeKind.Unspecified)))
            {
                return (default, null, $"{t:yyyy-MM-dd HH:mm} does not exist in {zone.Id} (the clocks skip it). Enter the time as it was shown on the clock.");
            }
        }
        var inUtc = Truncate(AutoCheckoutService.LocalToUtc(checkInLocal, zone));
        var outUtc = checkOutLocal is { } o ? Truncate(AutoCheckoutService.LocalToUtc(o, zone)) : (DateTime?)null;
        var now = time.GetUtcNow().UtcDateTime;
        if (inUtc > now || outUtc > now) return (default, null, "Times in the future cannot be recorded.");
        if (outUtc is { } end && end <= inUtc) return (default, null, "The check-out must be after the check-in.");
        if (outUtc is { } e2 && e2 - inUtc > TimeSpan.FromHours(72)) return (default, null, "A stay longer than 72 hours is not plausible; split it into several records.");
        return (inUtc, outUtc, null);
    }

    private static DateTime Truncate(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    /// <summary>Null, or why the stay would overlap another of the same person's.</summary>
    private static async Task<string?> OverlapAsync(AttendanceDbContext db, int personId, DateTime inUtc, DateTime? outUtc, long? except, CancellationToken ct)
    {
        var end = outUtc ?? DateTime.MaxValue;
        var other = await db.AttendanceRecords.AsNoTracking()
            .Where(r => r.PersonId == personId && r.Id != (except ?? -1))
            .Where(r => r.CheckInUtc < end && (r.CheckOutUtc == null || r.CheckOutUtc > inUtc))
            .OrderBy(r => r.CheckInUtc).FirstOrDefaultAsync(ct);
        if (other is null) return null;
        return other.CheckOutUtc is null
            ? "This would overlap the person's open record. Close that one first."
            : $"This would overlap another record of the same person (record {other.Id}). Correct that one first.";
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
        return query;
    }

    private static IQueryable<RecordRow> Project(IQueryable<AttendanceRecord> query) =>
        query.Select(r => new RecordRow(r.Id, r.PersonId, r.Person!.DisplayName, r.CheckInUtc, r.CheckOutUtc, r.Source, r.Device, r.AutoClosed, r.Version));

    /// <summary>RFC 4180 quoting, and a leading apostrophe on anything a spreadsheet would run as a formula.</summary>
    public static string CsvCell(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0]) && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    private void Audit(AttendanceDbContext db, Actor actor, long recordId, string action, object? before, object? after, string reason, string? personName) =>
        db.AddAudit(time, actor, nameof(AttendanceRecord), recordId, action, before, after is null ? null : new { person = personName, change = after }, reason);
}
