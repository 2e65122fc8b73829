using System.Text.Json;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using AttendanceBlazor.Recognition.Imaging;
using AttendanceBlazor.Recognition.Pipeline;
using AttendanceBlazor.Web.Attendance;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Web.People;

/// <summary>Who did something, for the audit log.</summary>
public sealed partial record Actor(string? UserId, string UserName)
{
    public static Actor From(System.Security.Claims.ClaimsPrincipal user) =>
        new(user.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, user.Identity?.Name ?? "unknown");
}

/// <summary>The result of a people operation: done, or why not, in words for the person at the screen.</summary>
public sealed record PeopleResult(bool Succeeded, string Message)
{
    /// <summary>The id of what was created, when something was.</summary>
    public string? CreatedId { get; init; }

    public static PeopleResult Ok(string message) => new(true, message);
    public static PeopleResult Fail(string message) => new(false, message);
}

/// <summary>
/// Renaming, adding face samples, merging, deactivating and deleting people. Every change writes an audit entry in
/// the same transaction, and the in-memory face index follows each committed change.
/// </summary>
public sealed class PeopleService(
    IDbContextFactory<AttendanceDbContext> dbFactory,
    FaceGallery gallery,
    FaceEngine engine,
    IOptions<AttendanceOptions> options,
    TimeProvider time)
{
    public async Task<PeopleResult> RenameAsync(int personId, string newName, Actor actor, string? reason, CancellationToken cancellationToken = default)
    {
        var (name, problem) = CleanName(newName);
        if (problem is not null) return PeopleResult.Fail(problem);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null) return PeopleResult.Fail("this person no longer exists");
        var normalized = Person.Normalize(name);
        if (await db.People.AnyAsync(p => p.NormalizedName == normalized && p.Id != personId, cancellationToken))
        {
            return PeopleResult.Fail($"'{name}' is already the name of someone else");
        }
        var old = person.DisplayName;
        person.DisplayName = name;
        person.NormalizedName = normalized;
        Audit(db, actor, nameof(Person), person.Id, "rename", new { name = old }, new { name }, reason);
        await db.SaveChangesAsync(cancellationToken);
        return PeopleResult.Ok($"renamed '{old}' to '{name}'");
    }

    /// <summary>Adds a face sample from a photo with exactly one face, refused if the face is someone else's.</summary>
    public async Task<PeopleResult> AddFaceSampleAsync(int personId, ReadOnlyMemory<byte> photo, Actor actor, CancellationToken cancellationToken = default)
    {
        FaceAnalysis analysis;
        try
        {
            analysis = await Task.Run(() => engine.Analyze(photo.Span, null, cancellationToken), cancellationToken);
        }
        catch (ImageDecodeException ex)
        {
            return PeopleResult.Fail(ex.Message);
        }
        if (analysis.Faces.Count != 1) return PeopleResult.Fail(analysis.Faces.Count == 0 ? "no face found in the photo" : "the photo shows several faces: use one with this person only");
        var face = analysis.Faces[0];
        var match = gallery.Index.Identify(face.Descriptor);
        if (match.IsMatch && match.Person != personId) return PeopleResult.Fail("this face belongs to someone else");

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null) return PeopleResult.Fail("this person no longer exists");
        var template = new FaceTemplate
        {
            PersonId = personId,
            Descriptor = FaceTemplate.FromVector(face.Descriptor),
            ModelId = engine.ModelId,
            Quality = (float)face.Box.Score,
            CreatedUtc = time.GetUtcNow().UtcDateTime,
            Thumbnail = options.Value.KeepThumbnails ? analysis.Image.EncodeJpegCrop(new PixelRect((int)face.Box.X, (int)face.Box.Y, (int)face.Box.Width, (int)face.Box.Height), 160) : null,
        };
        db.FaceTemplates.Add(template);
        Audit(db, actor, nameof(Person), personId, "add-face-sample", null, new { quality = template.Quality }, null);
        await db.SaveChangesAsync(cancellationToken);
        if (person.IsActive) gallery.Index.Add(template.Id, personId, face.Descriptor);
        return PeopleResult.Ok($"face sample added to {person.DisplayName}");
    }

    /// <summary>Moves the templates and records of <paramref name="sourceId"/> to <paramref name="targetId"/> and removes the source.</summary>
    public async Task<PeopleResult> MergeAsync(int sourceId, int targetId, Actor actor, string reason, CancellationToken cancellationToken = default)
    {
        if (sourceId == targetId) return PeopleResult.Fail("choose two different people");
        if (string.IsNullOrWhiteSpace(reason)) return PeopleResult.Fail("a reason is required for a merge");
        var result = await dbFactory.InTransactionAsync(async (db, ct) =>
        {
            var source = await db.People.Include(p => p.Templates).Include(p => p.Records).SingleOrDefaultAsync(p => p.Id == sourceId, ct);
            var target = await db.People.Include(p => p.Records).SingleOrDefaultAsync(p => p.Id == targetId, ct);
            if (source is null || target is null) return PeopleResult.Fail("one of the two people no longer exists");
            if (source.Records.Any(r => r.CheckOutUtc is null) && target.Records.Any(r => r.CheckOutUtc is null))
            {
                return PeopleResult.Fail("both people are checked in now: close one of the open records first");
            }
            foreach (var t in source.Templates) t.PersonId = target.Id;
            foreach (var r in source.Records) r.PersonId = target.Id;
            Audit(db, actor, nameof(Person), target.Id, "merge",
                new { merged = source.DisplayName, mergedId = source.Id },
                new { into = target.DisplayName, templates = source.Templates.Count, records = source.Records.Count }, reason);
            // Save the moves first so the source's cascade cannot take its former rows with it.
            await db.SaveChangesAsync(ct);
            db.People.Remove(source);
            await db.SaveChangesAsync(ct);
            return PeopleResult.Ok($"merged '{source.DisplayName}' into '{target.DisplayName}'");
        }, cancellationToken);
        if (!result.Succeeded) return result;
        gallery.Index.Reassign(sourceId, targetId);
        return result;
    }

    /// <summary>An inactive person is not recognised any more; their records stay.</summary>
    public async Task<PeopleResult> SetActiveAsync(int personId, bool active, Actor actor, string? reason, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.Include(p => p.Templates).SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null) return PeopleResult.Fail("this person no longer exists");
        if (person.IsActive == active) return PeopleResult.Ok(active ? "already active" : "already inactive");
        person.IsActive = active;
        Audit(db, actor, nameof(Person), personId, active ? "activate" : "deactivate", new { active = !active }, new { active }, reason);
        await db.SaveChangesAsync(cancellationToken);
        if (active)
        {
            foreach (var t in person.Templates.Where(t => t.ModelId == engine.ModelId)) gallery.Index.Add(t.Id, personId, t.ToVector());
        }
        else
        {
            gallery.Index.RemovePerson(personId);
        }
        return PeopleResult.Ok(active ? $"{person.DisplayName} is active again" : $"{person.DisplayName} is deactivated");
    }

    /// <summary>
    /// Erases a person: face templates and thumbnails are deleted from the database and the index. Their attendance
    /// records are deleted too, or, when Attendance:KeepRecordsOnErasure is on, kept under an anonymous placeholder
    /// that holds no name, consent, account or PIN. The audit keeps only who was erased, when, by whom and why.
    /// </summary>
    public async Task<PeopleResult> DeleteAsync(int personId, Actor actor, string reason, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return PeopleResult.Fail("a reason is required to delete a person");
        var keepRecords = options.Value.KeepRecordsOnErasure;
        var result = await dbFactory.InTransactionAsync(async (db, ct) =>
        {
            var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId && p.ErasedUtc == null, ct);
            if (person is null) return PeopleResult.Fail("this person no longer exists");
            var templates = await db.FaceTemplates.Where(t => t.PersonId == personId).ToListAsync(ct);
            var records = await db.AttendanceRecords.CountAsync(r => r.PersonId == personId, ct);
            var name = person.DisplayName;
            if (keepRecords)
            {
                db.FaceTemplates.RemoveRange(templates);
                person.DisplayName = $"Erased person {person.Id}";
                person.NormalizedName = Person.Normalize($"erased person {person.Id}");
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
            // The audit names nobody: a deleted person's name must not survive in the log either.
            Audit(db, actor, nameof(Person), personId, "delete", null,
                new { templates = templates.Count, records, records_kept = keepRecords }, reason);
            await db.SaveChangesAsync(ct);
            return PeopleResult.Ok($"{name} and their face data are deleted" + (keepRecords ? $"; {records} attendance records are kept anonymized" : ""));
        }, cancellationToken);
        if (result.Succeeded) gallery.Index.RemovePerson(personId);
        // On SQLite every connection runs with secure_delete (SqliteSecureDelete), so the erased descriptors and
        // thumbnails are overwritten in the file, not just unlinked.
        return result;
    }

    /// <summary>
    /// Gives a person a PIN (4 to 8 digits), for those who decline face recognition. With
    /// <paramref name="eraseFaceData"/> their face templates are deleted too, so the face is never used again.
    /// </summary>
    public async Task<PeopleResult> SetPinAsync(int personId, string? pin, bool eraseFaceData, Actor actor, CancellationToken cancellationToken = default)
    {
        if (PinProblem(pin) is { } problem) return PeopleResult.Fail(problem);
        var result = await dbFactory.InTransactionAsync(async (db, ct) =>
        {
            var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId && p.ErasedUtc == null, ct);
            if (person is null) return PeopleResult.Fail("this person no longer exists");
            person.PinHash = PinHasher.HashPassword(person, pin!);
            person.PinFailedAttempts = 0;
            person.PinLockedUntilUtc = null;
            var erased = 0;
            if (eraseFaceData)
            {
                var templates = await db.FaceTemplates.Where(t => t.PersonId == personId).ToListAsync(ct);
                erased = templates.Count;
                db.FaceTemplates.RemoveRange(templates);
            }
            Audit(db, actor, nameof(Person), personId, "set-pin", null, new { face_templates_erased = erased }, null);
            await db.SaveChangesAsync(ct);
            return PeopleResult.Ok(eraseFaceData ? $"{person.DisplayName} now checks in with a PIN; their face data is erased" : $"{person.DisplayName} can now also check in with a PIN");
        }, cancellationToken);
        if (result.Succeeded && eraseFaceData) gallery.Index.RemovePerson(personId);
        return result;
    }

    /// <summary>Registers someone who declines face recognition from the start: a name and a PIN, no face at all.</summary>
    public async Task<PeopleResult> CreateWithPinAsync(string? displayName, string? pin, Actor actor, CancellationToken cancellationToken = default)
    {
        var (name, problem) = CleanName(displayName);
        if (problem is not null) return PeopleResult.Fail(problem);
        if (PinProblem(pin) is { } pinProblem) return PeopleResult.Fail(pinProblem);
        var normalized = Person.Normalize(name);
        try
        {
            return await dbFactory.InTransactionAsync(async (db, ct) =>
            {
                if (await db.People.AnyAsync(p => p.NormalizedName == normalized, ct)) return PeopleResult.Fail($"'{name}' is already the name of someone else");
                var person = new Person { DisplayName = name, NormalizedName = normalized, CreatedUtc = time.GetUtcNow().UtcDateTime, ConsentSource = "PIN only: no face data" };
                person.PinHash = PinHasher.HashPassword(person, pin!);
                db.People.Add(person);
                await db.SaveChangesAsync(ct);
                Audit(db, actor, nameof(Person), person.Id, "create-with-pin", null, new { name }, null);
                await db.SaveChangesAsync(ct);
                return PeopleResult.Ok($"{name} is registered and checks in with a PIN");
            }, cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            return PeopleResult.Fail($"'{name}' was just registered by someone else");
        }
    }

    /// <summary>A name as typed, with runs of whitespace collapsed, or why it cannot be a name.</summary>
    private (string Name, string? Problem) CleanName(string? typed)
    {
        var name = string.Join(' ', (typed ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (name.Length == 0) return (name, "a name is required");
        if (name.Length > options.Value.MaxNameLength) return (name, $"the name is too long (at most {options.Value.MaxNameLength} characters)");
        if (name.Any(char.IsControl)) return (name, "the name contains control characters");
        return (name, null);
    }

    private static string? PinProblem(string? pin)
    {
        if (pin is null || pin.Length is < 4 or > 8 || !pin.All(char.IsAsciiDigit)) return "a PIN is 4 to 8 digits";
        if (pin.Distinct().Count() == 1 || "0123456789".Contains(pin) || "9876543210".Contains(pin))
        {
            return "this PIN is too easy to guess (all the same digit, or a run like 1234)";
        }
        return null;
    }

    public async Task<PeopleResult> ClearPinAsync(int personId, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null) return PeopleResult.Fail("this person no longer exists");
        if (person.PinHash is null) return PeopleResult.Ok($"{person.DisplayName} has no PIN");
        person.PinHash = null;
        person.PinFailedAttempts = 0;
        person.PinLockedUntilUtc = null;
        Audit(db, actor, nameof(Person), personId, "clear-pin", null, null, null);
        await db.SaveChangesAsync(cancellationToken);
        return PeopleResult.Ok($"{person.DisplayName}'s PIN is removed");
    }

    /// <summary>Links a person to a user account (employee self-service), or unlinks with null.</summary>
    public async Task<PeopleResult> LinkAccountAsync(int personId, string? userId, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId && p.ErasedUtc == null, cancellationToken);
        if (person is null) return PeopleResult.Fail("this person no longer exists");
        if (userId is not null)
        {
            if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken)) return PeopleResult.Fail("this account no longer exists");
            var other = await db.People.FirstOrDefaultAsync(p => p.UserId == userId && p.Id != personId, cancellationToken);
            if (other is not null) return PeopleResult.Fail($"this account is already linked to {other.DisplayName}");
        }
        var old = person.UserId;
        person.UserId = userId;
        Audit(db, actor, nameof(Person), personId, userId is null ? "unlink-account" : "link-account", new { user_id = old }, new { user_id = userId }, null);
        await db.SaveChangesAsync(cancellationToken);
        return PeopleResult.Ok(userId is null ? $"{person.DisplayName} is no longer linked to an account" : $"{person.DisplayName} is linked to the account");
    }

    internal static readonly Microsoft.AspNetCore.Identity.PasswordHasher<Person> PinHasher = new();

    /// <summary>A page of people for the People grid, newest first, with what HR needs to see at a glance.</summary>
    public async Task<(int Total, IReadOnlyList<PersonRow> Rows)> QueryAsync(string? search, bool includeInactive, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.People.AsNoTracking().Where(p => p.ErasedUtc == null);
        if (!includeInactive) query = query.Where(p => p.IsActive);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = Person.Normalize(search);
            query = query.Where(p => p.NormalizedName.Contains(s));
        }
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(p => p.DisplayName).ThenBy(p => p.Id).Skip(skip).Take(take)
            .Select(p => new PersonRow(
                p.Id, p.DisplayName, p.IsActive, p.CreatedUtc,
                p.Templates.Count, p.Templates.Any(t => t.Thumbnail != null),
                p.Records.Count, p.Records.Any(r => r.CheckOutUtc == null),
                p.PinHash != null, p.User != null ? p.User.Email : null, p.Version))
            .ToListAsync(cancellationToken);
        return (total, rows);
    }

    /// <summary>
    /// People to pick in a dialog (merge target, missed record, account link): not erased, names containing
    /// <paramref name="text"/>, at most 20. <paramref name="except"/> leaves one person out; with
    /// <paramref name="withoutAccountExcept"/> set, only people with no account or with that account.
    /// </summary>
    public async Task<IReadOnlyList<PersonChoice>> SearchAsync(string? text, int? except = null, (bool Apply, string? UserId) withoutAccountExcept = default, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.People.AsNoTracking().Where(p => p.ErasedUtc == null);
        if (except is { } id) query = query.Where(p => p.Id != id);
        if (withoutAccountExcept.Apply) query = query.Where(p => p.UserId == null || p.UserId == withoutAccountExcept.UserId);
        if (!string.IsNullOrWhiteSpace(text))
        {
            var s = Person.Normalize(text);
            query = query.Where(p => p.NormalizedName.Contains(s));
        }
        return await query.OrderBy(p => p.DisplayName).Take(20).Select(p => new PersonChoice(p.Id, p.DisplayName)).ToListAsync(cancellationToken);
    }

    /// <summary>The newest thumbnail of a person, if settings allowed keeping one.</summary>
    public async Task<byte[]?> ThumbnailAsync(int personId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.FaceTemplates.AsNoTracking().Where(t => t.PersonId == personId && t.Thumbnail != null)
            .OrderByDescending(t => t.Id).Select(t => t.Thumbnail).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The user account linked to a person, if any (employee self-service).</summary>
    public async Task<int?> PersonIdOfUserAsync(string? userId, CancellationToken cancellationToken = default)
    {
        if (userId is null) return null;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.People.Where(p => p.UserId == userId).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Everything held about a person, for a subject access request: the person, consent, face templates (with thumbnails), records and the audit trail about them.</summary>
    public async Task<PersonExport?> ExportAsync(int personId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null) return null;
        var templates = await db.FaceTemplates.AsNoTracking().Where(t => t.PersonId == personId).OrderBy(t => t.Id).ToListAsync(cancellationToken);
        var records = await db.AttendanceRecords.AsNoTracking().Where(r => r.PersonId == personId).OrderBy(r => r.CheckInUtc).ToListAsync(cancellationToken);
        var recordIds = records.Select(r => r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var id = personId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var audit = await db.AuditEntries.AsNoTracking()
            .Where(a => (a.EntityType == nameof(Person) && a.EntityId == id) || (a.EntityType == nameof(AttendanceRecord) && recordIds.Contains(a.EntityId)))
            .OrderBy(a => a.AtUtc).ToListAsync(cancellationToken);
        return new PersonExport(
            time.GetUtcNow().UtcDateTime,
            new PersonExport.PersonPart(person.Id, person.DisplayName, person.IsActive, person.CreatedUtc, person.ConsentVersion, person.ConsentUtc, person.ConsentSource, person.UserId is not null, person.PinHash is not null),
            templates.Select(t => new PersonExport.TemplatePart(t.Id, t.ModelId, t.Quality, t.CreatedUtc, t.ToVector(), t.Thumbnail is null ? null : Convert.ToBase64String(t.Thumbnail))).ToList(),
            records.Select(r => new PersonExport.RecordPart(r.Id, r.CheckInUtc, r.CheckOutUtc, r.Source.ToString(), r.Device, r.AutoClosed)).ToList(),
            audit.Select(a => new PersonExport.AuditPart(a.AtUtc, a.UserName, a.EntityType, a.EntityId, a.Action, a.OldValues, a.NewValues, a.Reason)).ToList());
    }

    private void Audit(AttendanceDbContext db, Actor actor, string entity, int id, string action, object? oldValues, object? newValues, string? reason) =>
        db.AddAudit(time, actor, entity, id, action, oldValues, newValues, reason);
}

/// <summary>A person as a picker shows them.</summary>
public sealed record PersonChoice(int Id, string Name);

/// <summary>A person as the People grid shows them.</summary>
public sealed record PersonRow(int Id, string Name, bool Active, DateTime RegisteredUtc, int Templates, bool HasThumbnail, int Records, bool IsIn, bool HasPin, string? Account, Guid Version);

/// <summary>The JSON a person (or HR on their behalf) downloads: everything the system holds about them. Times are UTC.</summary>
public sealed record PersonExport(
    DateTime ExportedUtc,
    PersonExport.PersonPart Person,
    IReadOnlyList<PersonExport.TemplatePart> FaceTemplates,
    IReadOnlyList<PersonExport.RecordPart> AttendanceRecords,
    IReadOnlyList<PersonExport.AuditPart> AuditTrail)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public sealed record PersonPart(int Id, string Name, bool Active, DateTime RegisteredUtc, string? ConsentVersion, DateTime? ConsentUtc, string? ConsentSource, bool HasUserAccount, bool HasPin);

    /// <summary>The descriptor itself is included: it is personal data the person has a right to see.</summary>
    public sealed record TemplatePart(long Id, string ModelId, float Quality, DateTime CreatedUtc, float[] Descriptor, string? ThumbnailJpegBase64);

    public sealed record RecordPart(long Id, DateTime CheckInUtc, DateTime? CheckOutUtc, string Source, string? Device, bool AutoClosed);

    public sealed record AuditPart(DateTime AtUtc, string By, string EntityType, string EntityId, string Action, string? Before, string? After, string? Reason);
}
