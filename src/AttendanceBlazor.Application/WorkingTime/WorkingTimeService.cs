using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Application.People;
using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Application.WorkingTime;

/// <summary>What HR set for a person's working time; null parts take the defaults.</summary>
public sealed record PersonTimeSettings(int Id, string Name, string? HoursPerWeekday, TimeSpan? StartTime, TimeSpan? LateGrace, DateOnly? FirstDay,
    int? OpeningBalanceMinutes, DateOnly? OpeningBalanceFrom, bool Erased, bool HasFace);

/// <summary>A day off as the list shows it.</summary>
public sealed record DayOffRow(int Id, DateOnly Date, string? Name);

/// <summary>An absence as the People page shows it.</summary>
public sealed record AbsenceRow(int Id, int PersonId, DateOnly From, DateOnly To, AbsenceKind Kind, string? Note);

/// <summary>
/// What HR sets for working time: people added before their first day, each person's schedule, first day and opening
/// balance, the days off for everyone and each person's absences. Every change is audited.
/// </summary>
public sealed class WorkingTimeService(IDbContextFactory<AttendanceDbContext> dbFactory, AttendanceSettings settings, IOptions<AttendanceOptions> options, TimeProvider time)
{
    /// <summary>The longest absence entered at once.</summary>
    public const int MaxAbsenceDays = 366;

    public async Task<PersonTimeSettings?> PersonAsync(int personId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.People.AsNoTracking().Where(p => p.Id == personId)
            .Select(p => new PersonTimeSettings(p.Id, p.DisplayName, p.HoursPerWeekday, p.StartTime, p.LateGrace, p.FirstDay, p.OpeningBalanceMinutes, p.OpeningBalanceFrom,
                p.ErasedUtc != null, p.Templates.Any() || p.PinHash != null))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Adds a person with no face (yet): they start on <paramref name="firstDay"/>, and HR adds their face later.</summary>
    public async Task<OperationResult> AddPersonAsync(string? typedName, DateOnly? firstDay, Actor actor, CancellationToken cancellationToken = default)
    {
        var (name, problem) = PersonName.Parse(typedName, options.Value.MaxNameLength);
        if (name is null) return OperationResult.Fail(Outcome.BadName) with { NameProblem = problem };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.TakenByAsync(name, null, cancellationToken) is { } taken) return OperationResult.Fail(Outcome.NameTaken, name.Display) with { OtherName = taken };
        var person = new Person { DisplayName = name.Display, NormalizedName = name.Normalized, CreatedUtc = time.GetUtcNow().UtcDateTime, FirstDay = firstDay };
        db.People.Add(person);
        await db.SaveChangesAsync(cancellationToken);
        db.AddAudit(time, actor, AuditEntities.Person, person.Id, AuditActions.AddPerson, null, new { name = name.Display, first_day = firstDay?.ToString("yyyy-MM-dd") });
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult.Ok(Outcome.PersonAdded, name.Display) with { Count = person.Id };
    }

    /// <summary>
    /// A person's own schedule: hours per weekday ("8,8,8,8,6,0,0"), start time and grace; a null part takes the
    /// default again.
    /// </summary>
    public async Task<OperationResult> SetScheduleAsync(int personId, string? hours, TimeSpan? start, TimeSpan? grace, Actor actor, CancellationToken cancellationToken = default)
    {
        string? normalized = null;
        if (!string.IsNullOrWhiteSpace(hours))
        {
            if (!WeekSchedule.TryParseHours(hours, out var minutes)) return OperationResult.Fail(Outcome.BadSchedule);
            normalized = WeekSchedule.FormatHours(minutes);
        }
        if (start is { } s0 && (s0 < TimeSpan.Zero || s0 >= TimeSpan.FromDays(1))) return OperationResult.Fail(Outcome.BadSchedule);
        if (grace is { } g && (g < TimeSpan.Zero || g > TimeSpan.FromHours(4))) return OperationResult.Fail(Outcome.BadSchedule);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId && p.ErasedUtc == null, cancellationToken);
        if (person is null) return OperationResult.Fail(Outcome.PersonNotFound);
        if ((person.HoursPerWeekday, person.StartTime, person.LateGrace) == (normalized, start, grace)) return OperationResult.Ok(Outcome.NothingChanged, person.DisplayName);
        db.AddAudit(time, actor, AuditEntities.Person, personId, AuditActions.SetSchedule,
            new { hours = person.HoursPerWeekday, start = Clock(person.StartTime), grace = Clock(person.LateGrace) },
            new { hours = normalized, start = Clock(start), grace = Clock(grace) });
        (person.HoursPerWeekday, person.StartTime, person.LateGrace) = (normalized, start, grace);
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult.Ok(Outcome.ScheduleSet, person.DisplayName);
    }

    public async Task<OperationResult> SetFirstDayAsync(int personId, DateOnly? firstDay, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId && p.ErasedUtc == null, cancellationToken);
        if (person is null) return OperationResult.Fail(Outcome.PersonNotFound);
        if (person.FirstDay == firstDay) return OperationResult.Ok(Outcome.NothingChanged, person.DisplayName);
        db.AddAudit(time, actor, AuditEntities.Person, personId, AuditActions.SetFirstDay, new { first_day = Day(person.FirstDay) }, new { first_day = Day(firstDay) });
        person.FirstDay = firstDay;
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult.Ok(Outcome.FirstDaySet, person.DisplayName);
    }

    /// <summary>A balance brought from another system, counted from the month <paramref name="from"/>; null minutes clears it.</summary>
    public async Task<OperationResult> SetOpeningBalanceAsync(int personId, int? minutes, DateOnly? from, Actor actor, CancellationToken cancellationToken = default)
    {
        if (minutes is { } m && (Math.Abs(m) > 100_000 || from is null)) return OperationResult.Fail(Outcome.BadSchedule);
        var month = from is { } f ? new DateOnly(f.Year, f.Month, 1) : (DateOnly?)null;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId && p.ErasedUtc == null, cancellationToken);
        if (person is null) return OperationResult.Fail(Outcome.PersonNotFound);
        if ((person.OpeningBalanceMinutes, person.OpeningBalanceFrom) == (minutes, minutes is null ? null : month)) return OperationResult.Ok(Outcome.NothingChanged, person.DisplayName);
        db.AddAudit(time, actor, AuditEntities.Person, personId, AuditActions.SetOpeningBalance,
            new { minutes = person.OpeningBalanceMinutes, from = Day(person.OpeningBalanceFrom) }, new { minutes, from = Day(minutes is null ? null : month) });
        person.OpeningBalanceMinutes = minutes;
        person.OpeningBalanceFrom = minutes is null ? null : month;
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult.Ok(Outcome.OpeningBalanceSet, person.DisplayName);
    }

    public async Task<IReadOnlyList<DayOffRow>> DaysOffAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.DaysOff.AsNoTracking().OrderBy(d => d.Date).Select(d => new DayOffRow(d.Id, d.Date, d.Name)).ToListAsync(cancellationToken);
    }

    public async Task<OperationResult> AddDayOffAsync(DateOnly date, string? name, Actor actor, CancellationToken cancellationToken = default)
    {
        name = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        if (name?.Length > 100) return OperationResult.Fail(Outcome.BadDateRange);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.DaysOff.AnyAsync(d => d.Date == date, cancellationToken)) return OperationResult.Fail(Outcome.DayOffExists) with { Time = date.ToDateTime(TimeOnly.MinValue) };
        var day = new DayOff { Date = date, Name = name };
        db.DaysOff.Add(day);
        db.AddAudit(time, actor, AuditEntities.DayOff, Day(date)!, AuditActions.AddDayOff, null, new { date = Day(date), name });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            return OperationResult.Fail(Outcome.DayOffExists) with { Time = date.ToDateTime(TimeOnly.MinValue) };
        }
        return OperationResult.Ok(Outcome.DayOffAdded, name) with { Time = date.ToDateTime(TimeOnly.MinValue) };
    }

    public async Task<OperationResult> RemoveDayOffAsync(DateOnly date, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var day = await db.DaysOff.SingleOrDefaultAsync(d => d.Date == date, cancellationToken);
        if (day is null) return OperationResult.Fail(Outcome.DayOffNotFound) with { Time = date.ToDateTime(TimeOnly.MinValue) };
        db.DaysOff.Remove(day);
        db.AddAudit(time, actor, AuditEntities.DayOff, Day(date)!, AuditActions.RemoveDayOff, new { date = Day(date), day.Name }, null);
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult.Ok(Outcome.DayOffRemoved, day.Name) with { Time = date.ToDateTime(TimeOnly.MinValue) };
    }

    public async Task<IReadOnlyList<AbsenceRow>> AbsencesAsync(int personId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Absences.AsNoTracking().Where(a => a.PersonId == personId).OrderByDescending(a => a.From)
            .Select(a => new AbsenceRow(a.Id, a.PersonId, a.From, a.To, a.Kind, a.Note)).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Marks a person absent from <paramref name="from"/> to <paramref name="to"/> (inclusive). Refused when it
    /// overlaps another absence of theirs or touches an approved month; a confirmed month it touches goes back to open.
    /// </summary>
    public async Task<OperationResult> AddAbsenceAsync(int personId, DateOnly from, DateOnly to, AbsenceKind kind, string? note, Actor actor, CancellationToken cancellationToken = default)
    {
        if (to < from || to.DayNumber - from.DayNumber >= MaxAbsenceDays || !Enum.IsDefined(kind)) return OperationResult.Fail(Outcome.BadDateRange);
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note?.Length > 500) return OperationResult.Fail(Outcome.BadDateRange);
        var s = await settings.GetAsync(cancellationToken);
        return await dbFactory.InTransactionAsync(async (db, ct) =>
        {
            var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId && p.ErasedUtc == null, ct);
            if (person is null) return OperationResult.Fail(Outcome.PersonNotFound);
            var days = Months(from, to).Select(m => s.StartOfDayUtc(m).AddHours(12)).ToList();
            if (await PeriodLocks.LockedMonthAsync(db, s, personId, days, ct) is { } locked)
            {
                return await PeriodLocks.RefuseAsync(db, time, actor, personId, locked, "add-absence", ct);
            }
            if (await db.Absences.AnyAsync(a => a.PersonId == personId && a.From <= to && a.To >= from, ct)) return OperationResult.Fail(Outcome.AbsenceOverlaps, person.DisplayName);
            var absence = new Absence { PersonId = personId, From = from, To = to, Kind = kind, Note = note, CreatedUtc = time.GetUtcNow().UtcDateTime };
            db.Absences.Add(absence);
            await PeriodLocks.UnconfirmAsync(db, s, personId, days, time.GetUtcNow().UtcDateTime, ct);
            await db.SaveChangesAsync(ct);
            db.AddAudit(time, actor, AuditEntities.Person, personId, AuditActions.AddAbsence, null,
                new { absence = absence.Id, from = Day(from), to = Day(to), kind = kind.ToString().ToLowerInvariant() }, note);
            await db.SaveChangesAsync(ct);
            return OperationResult.Ok(Outcome.AbsenceAdded, person.DisplayName) with { Count = to.DayNumber - from.DayNumber + 1 };
        }, cancellationToken);
    }

    public async Task<OperationResult> RemoveAbsenceAsync(int absenceId, Actor actor, CancellationToken cancellationToken = default)
    {
        var s = await settings.GetAsync(cancellationToken);
        return await dbFactory.InTransactionAsync(async (db, ct) =>
        {
            var absence = await db.Absences.SingleOrDefaultAsync(a => a.Id == absenceId, ct);
            if (absence is null) return OperationResult.Fail(Outcome.AbsenceNotFound);
            var days = Months(absence.From, absence.To).Select(m => s.StartOfDayUtc(m).AddHours(12)).ToList();
            if (await PeriodLocks.LockedMonthAsync(db, s, absence.PersonId, days, ct) is { } locked)
            {
                return await PeriodLocks.RefuseAsync(db, time, actor, absence.PersonId, locked, "remove-absence", ct);
            }
            db.Absences.Remove(absence);
            await PeriodLocks.UnconfirmAsync(db, s, absence.PersonId, days, time.GetUtcNow().UtcDateTime, ct);
            db.AddAudit(time, actor, AuditEntities.Person, absence.PersonId, AuditActions.RemoveAbsence,
                new { absence = absence.Id, from = Day(absence.From), to = Day(absence.To), kind = absence.Kind.ToString().ToLowerInvariant() }, null);
            await db.SaveChangesAsync(ct);
            return OperationResult.Ok(Outcome.AbsenceRemoved);
        }, cancellationToken);
    }

    /// <summary>The first day of each month from <paramref name="from"/> to <paramref name="to"/>.</summary>
    private static IEnumerable<DateOnly> Months(DateOnly from, DateOnly to)
    {
        for (var m = new DateOnly(from.Year, from.Month, 1); m <= to; m = m.AddMonths(1)) yield return m;
    }

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string? Clock(TimeSpan? t) => t?.ToString(@"hh\:mm", System.Globalization.CultureInfo.InvariantCulture);
}
