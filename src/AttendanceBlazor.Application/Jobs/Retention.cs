using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Application.Faces;
using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AttendanceBlazor.Application.Jobs;

/// <summary>
/// Keeps only what the retention setting allows (Settings page, or Attendance:RetentionDays; empty keeps all).
/// Closed attendance records that ended before the cut-off are deleted, and so is the face data of anyone not
/// seen since the cut-off (no check-in, sample or registration after it): a face kept for nobody's benefit is
/// not kept. Open records are never touched. The audit log stays, as accountability for the changes themselves;
/// it names nobody whose data was removed here.
/// </summary>
public sealed class Retention(
    IDbContextFactory<AttendanceDbContext> dbFactory,
    AttendanceSettings settingsProvider,
    FaceGallery gallery,
    TimeProvider time,
    ILogger<Retention> logger) : IPeriodicJob
{
    public TimeSpan Interval { get; } = TimeSpan.FromHours(6);

    public async Task RunAsync(CancellationToken cancellationToken) => await RunOnceAsync(cancellationToken);

    public async Task<RetentionResult> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var settings = await settingsProvider.GetAsync(cancellationToken);
        if (settings.RetentionDays is not { } days) return new(0, 0, 0);
        var now = time.GetUtcNow().UtcDateTime;
        var cutoff = now.AddDays(-days);

        var (result, erasedPeople) = await dbFactory.InTransactionAsync(async (db, ct) =>
        {
            var records = await db.AttendanceRecords.Where(r => r.CheckOutUtc != null && r.CheckOutUtc < cutoff).ExecuteDeleteAsync(ct);
            // Not seen since the cut-off: registered before it, no record and no face sample after it.
            var stale = await db.People
                .Where(p => p.CreatedUtc < cutoff && p.Templates.Any())
                .Where(p => !p.Records.Any(r => r.CheckOutUtc == null || r.CheckInUtc >= cutoff || r.CheckOutUtc >= cutoff))
                .Where(p => !p.Templates.Any(t => t.CreatedUtc >= cutoff))
                .Select(p => p.Id).ToListAsync(ct);
            var templates = stale.Count == 0 ? 0 : await db.FaceTemplates.Where(t => stale.Contains(t.PersonId)).ExecuteDeleteAsync(ct);
            // The review list is kept no longer than the records it is about; a held registration older than the
            // cut-off takes its face with it.
            await db.ReviewItems.Where(r => r.AtUtc < cutoff).ExecuteDeleteAsync(ct);
            if (records > 0 || templates > 0)
            {
                db.AddAudit(time, Actor.System, AuditEntities.Retention, "-", AuditActions.Retention, null,
                    new { retention_days = days, records_deleted = records, people_face_data_erased = stale.Count, templates_deleted = templates },
                    $"older than the {days}-day retention");
                await db.SaveChangesAsync(ct);
            }
            return (new RetentionResult(records, stale.Count, templates), stale);
        }, cancellationToken);

        foreach (var id in erasedPeople) gallery.RemovePerson(id);
        if (result.RecordsDeleted > 0 || result.TemplatesDeleted > 0)
        {
            logger.LogInformation("Retention: {Records} records deleted, face data of {People} people erased", result.RecordsDeleted, result.PeopleFaceDataErased);
        }
        return result;
    }
}
