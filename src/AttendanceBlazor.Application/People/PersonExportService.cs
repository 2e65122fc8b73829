using System.Globalization;
using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Data;
using Microsoft.EntityFrameworkCore;

namespace AttendanceBlazor.Application.People;

/// <summary>Subject access: everything held about one person, for HR and for the person themself.</summary>
public sealed class PersonExportService(IDbContextFactory<AttendanceDbContext> dbFactory, TimeProvider time)
{
    /// <summary>The person, consent, face templates (with thumbnails), records and the audit trail about them.</summary>
    public async Task<PersonExport?> ExportAsync(int personId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null) return null;
        var templates = await db.FaceTemplates.AsNoTracking().Where(t => t.PersonId == personId).OrderBy(t => t.Id).ToListAsync(cancellationToken);
        var records = await db.AttendanceRecords.AsNoTracking().Where(r => r.PersonId == personId).OrderBy(r => r.CheckInUtc).ToListAsync(cancellationToken);
        var recordIds = records.Select(r => r.Id.ToString(CultureInfo.InvariantCulture)).ToList();
        var id = personId.ToString(CultureInfo.InvariantCulture);
        var audit = await db.AuditEntries.AsNoTracking()
            .Where(a => (a.EntityType == AuditEntities.Person && a.EntityId == id) || (a.EntityType == AuditEntities.Record && recordIds.Contains(a.EntityId)))
            .OrderBy(a => a.AtUtc).ToListAsync(cancellationToken);
        var reviews = await db.ReviewItems.AsNoTracking().Where(r => r.CandidatePersonId == personId).OrderBy(r => r.AtUtc).ToListAsync(cancellationToken);
        return new PersonExport(
            time.GetUtcNow().UtcDateTime,
            new PersonExport.PersonPart(person.Id, person.DisplayName, person.IsActive, person.CreatedUtc, person.ConsentVersion, person.ConsentUtc, person.ConsentSource, person.UserId is not null, person.PinHash is not null),
            templates.Select(t => new PersonExport.TemplatePart(t.Id, t.ModelId, t.Quality, t.CreatedUtc, t.ToVector(), t.Thumbnail is null ? null : Convert.ToBase64String(t.Thumbnail))).ToList(),
            records.Select(r => new PersonExport.RecordPart(r.Id, r.CheckInUtc, r.CheckOutUtc, r.Source.ToString(), r.Device, r.AutoClosed)).ToList(),
            audit.Select(a => new PersonExport.AuditPart(a.AtUtc, a.UserName, a.EntityType, a.EntityId, a.Action, a.OldValues, a.NewValues, a.Reason)).ToList(),
            reviews.Select(r => new PersonExport.ReviewPart(r.Id, r.Kind.ToString(), r.State.ToString(), r.AtUtc, r.Device, r.Distance)).ToList());
    }
}
