using System.Globalization;
using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Data;
using Microsoft.EntityFrameworkCore;

namespace AttendanceBlazor.Application.People;

/// <summary>Subject access: everything held about one person, for HR and for the person themself.</summary>
public sealed class PersonExportService(IDbContextFactory<AttendanceDbContext> dbFactory, TimeProvider time)
{
    /// <summary>
    /// The person, consent, face templates (with thumbnails), records and the audit trail about them; null for an
    /// erased person (what is kept of them is nobody's any more). The audit trail is theirs, not their colleagues':
    /// who made a change is given by role, free-text reasons are left out (they may name others), and the names of
    /// other people (someone merged into them) are redacted.
    /// </summary>
    public async Task<PersonExport?> ExportAsync(int personId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId && p.ErasedUtc == null, cancellationToken);
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
            records.Select(r => new PersonExport.RecordPart(r.Id, r.CheckInUtc, r.CheckOutUtc, r.Source.ToString(), r.Device, r.AutoClosed)
            {
                CheckInAddress = r.CheckInAddress, CheckInRemote = r.CheckInRemote, CheckInLocation = r.CheckInLocation,
                CheckOutSource = r.CheckOutSource?.ToString(), CheckOutDevice = r.CheckOutDevice, CheckOutAddress = r.CheckOutAddress,
                CheckOutRemote = r.CheckOutRemote, CheckOutLocation = r.CheckOutLocation,
            }).ToList(),
            audit.Select(a => new PersonExport.AuditPart(a.AtUtc, By(a, person.UserId), a.EntityType, a.EntityId, a.Action,
                OthersRedacted(a, a.OldValues), OthersRedacted(a, a.NewValues), a.UserId is not null && a.UserId == person.UserId ? a.Reason : null)).ToList(),
            reviews.Select(r => new PersonExport.ReviewPart(r.Id, r.Kind.ToString(), r.State.ToString(), r.AtUtc, r.Device, r.Distance)).ToList());
    }

    /// <summary>"you" for the person's own account, a device or the system by its name, anyone else as "staff".</summary>
    private static string By(Data.Entities.AuditEntry entry, string? ownUserId) =>
        entry.UserId is null ? entry.UserName : entry.UserId == ownUserId ? "you" : "staff";

    /// <summary>A merge names the other person merged in: that name is theirs, not the subject's.</summary>
    private static string? OthersRedacted(Data.Entities.AuditEntry entry, string? json)
    {
        if (json is null || entry.Action != AuditActions.Merge) return json;
        var node = System.Text.Json.Nodes.JsonNode.Parse(json);
        if (node is System.Text.Json.Nodes.JsonObject obj && obj.ContainsKey("merged")) obj["merged"] = "[another person]";
        return node?.ToJsonString() ?? json;
    }
}
