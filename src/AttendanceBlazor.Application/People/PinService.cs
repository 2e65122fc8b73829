using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Application.Faces;
using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Application.People;

/// <summary>PINs for people who decline face recognition: give, change, remove, or register someone with a PIN only.</summary>
public sealed class PinService(
    IDbContextFactory<AttendanceDbContext> dbFactory,
    FaceGallery gallery,
    PinHasher hasher,
    IOptions<AttendanceOptions> options,
    TimeProvider time)
{
    /// <summary>
    /// Gives a person a PIN. With <paramref name="eraseFaceData"/> their face templates are deleted too, so the face
    /// is never used again.
    /// </summary>
    public async Task<OperationResult> SetPinAsync(int personId, string? pin, bool eraseFaceData, Actor actor, CancellationToken cancellationToken = default)
    {
        if (PinPolicy.Problem(pin) is { } problem) return OperationResult.Fail(problem);
        var result = await dbFactory.InTransactionAsync(async (db, ct) =>
        {
            var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId && p.ErasedUtc == null, ct);
            if (person is null) return OperationResult.Fail(Outcome.PersonNotFound);
            person.PinHash = hasher.Hash(pin!);
            // A new PIN is HR's way to unlock a locked one.
            await db.PinLocks.Where(a => a.PersonId == person.Id).ExecuteDeleteAsync(ct);
            var erased = 0;
            if (eraseFaceData)
            {
                var templates = await db.FaceTemplates.Where(t => t.PersonId == personId).ToListAsync(ct);
                erased = templates.Count;
                db.FaceTemplates.RemoveRange(templates);
                db.FaceIndexChanged(time.GetUtcNow().UtcDateTime, personId);
            }
            db.AddAudit(time, actor, AuditEntities.Person, personId, AuditActions.SetPin, null, new { face_templates_erased = erased });
            await db.SaveChangesAsync(ct);
            return OperationResult.Ok(eraseFaceData ? Outcome.PinSetAndFaceErased : Outcome.PinSet, person.DisplayName) with { Count = erased };
        }, cancellationToken);
        if (result.Succeeded && eraseFaceData)
        {
            gallery.RemovePerson(personId);
            await SqliteWal.TruncateAsync(dbFactory, CancellationToken.None);
        }
        return result;
    }

    /// <summary>Registers someone who declines face recognition from the start: a name and a PIN, no face at all.</summary>
    public async Task<OperationResult> CreateWithPinAsync(string? displayName, string? pin, Actor actor, CancellationToken cancellationToken = default)
    {
        var (name, problem) = PersonName.Parse(displayName, options.Value.MaxNameLength);
        if (name is null) return OperationResult.Fail(Outcome.BadName) with { NameProblem = problem };
        if (PinPolicy.Problem(pin) is { } pinProblem) return OperationResult.Fail(pinProblem);
        try
        {
            return await dbFactory.InTransactionAsync(async (db, ct) =>
            {
                if (await db.TakenByAsync(name, null, ct) is { } taken) return OperationResult.Fail(Outcome.NameTaken, name.Display) with { OtherName = taken };
                var person = new Person
                {
                    DisplayName = name.Display, NormalizedName = name.Normalized, CreatedUtc = time.GetUtcNow().UtcDateTime,
                    ConsentSource = "PIN only: no face data", PinHash = hasher.Hash(pin!),
                };
                db.People.Add(person);
                await db.SaveChangesAsync(ct);
                db.AddAudit(time, actor, AuditEntities.Person, person.Id, AuditActions.CreateWithPin, null, new { name = name.Display });
                await db.SaveChangesAsync(ct);
                return OperationResult.Ok(Outcome.RegisteredWithPin, name.Display) with { CreatedId = person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            }, cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            return OperationResult.Fail(Outcome.NameTaken, name.Display);
        }
    }

    public async Task<OperationResult> ClearPinAsync(int personId, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId && p.ErasedUtc == null, cancellationToken);
        if (person is null) return OperationResult.Fail(Outcome.PersonNotFound);
        if (person.PinHash is null) return OperationResult.Ok(Outcome.HadNoPin, person.DisplayName);
        person.PinHash = null;
        await db.PinLocks.Where(a => a.PersonId == person.Id).ExecuteDeleteAsync(cancellationToken);
        db.AddAudit(time, actor, AuditEntities.Person, personId, AuditActions.ClearPin, null, null);
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult.Ok(Outcome.PinCleared, person.DisplayName);
    }
}
