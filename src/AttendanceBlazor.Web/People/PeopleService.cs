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
public sealed record Actor(string? UserId, string UserName);

/// <summary>The result of a people operation: done, or why not, in words for the person at the screen.</summary>
public sealed record PeopleResult(bool Succeeded, string Message)
{
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
        var name = string.Join(' ', (newName ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (name.Length == 0) return PeopleResult.Fail("a name is required");
        if (name.Length > options.Value.MaxNameLength) return PeopleResult.Fail($"the name is too long (at most {options.Value.MaxNameLength} characters)");
        if (name.Any(char.IsControl)) return PeopleResult.Fail("the name contains control characters");
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
    /// Deletes a person with biometric erasure: face templates and thumbnails are deleted from the database and the
    /// index, and so are their attendance records. The audit keeps only who was deleted, when, by whom and why.
    /// </summary>
    public async Task<PeopleResult> DeleteAsync(int personId, Actor actor, string reason, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return PeopleResult.Fail("a reason is required to delete a person");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null) return PeopleResult.Fail("this person no longer exists");
        var templates = await db.FaceTemplates.CountAsync(t => t.PersonId == personId, cancellationToken);
        var records = await db.AttendanceRecords.CountAsync(r => r.PersonId == personId, cancellationToken);
        db.People.Remove(person);
        Audit(db, actor, nameof(Person), personId, "delete", new { name = person.DisplayName, templates, records }, null, reason);
        await db.SaveChangesAsync(cancellationToken);
        gallery.Index.RemovePerson(personId);
        // On SQLite every connection runs with secure_delete (SqliteSecureDelete), so the erased descriptors and
        // thumbnails are overwritten in the file, not just unlinked.
        return PeopleResult.Ok($"{person.DisplayName} and their face data are deleted");
    }

    private void Audit(AttendanceDbContext db, Actor actor, string entity, int id, string action, object? oldValues, object? newValues, string? reason) =>
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = time.GetUtcNow().UtcDateTime,
            UserId = actor.UserId,
            UserName = actor.UserName,
            EntityType = entity,
            EntityId = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Action = action,
            OldValues = oldValues is null ? null : JsonSerializer.Serialize(oldValues),
            NewValues = newValues is null ? null : JsonSerializer.Serialize(newValues),
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
        });
}
