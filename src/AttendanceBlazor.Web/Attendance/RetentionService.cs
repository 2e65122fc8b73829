using System.Text.Json;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AttendanceBlazor.Web.Attendance;

/// <summary>What one retention run removed.</summary>
public sealed record RetentionResult(int RecordsDeleted, int PeopleFaceDataErased, int TemplatesDeleted);

/// <summary>
/// Keeps only what the retention setting allows (Settings page, or Attendance:RetentionDays; empty keeps all).
/// Closed attendance records that ended before the cut-off are deleted, and so is the face data of anyone not
/// seen since the cut-off (no check-in, sample or registration after it): a face kept for nobody's benefit is
/// not kept. Open records are never touched. The audit log stays, as accountability for the changes themselves;
/// it names nobody whose data was removed here.
/// </summary>
public sealed class RetentionService(
    IDbContextFactory<AttendanceDbContext> dbFactory,
    AttendanceSettings settingsProvider,
    FaceGallery gallery,
    TimeProvider time,
    ILogger<RetentionService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Retention run failed; it runs again in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

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
            if (records > 0 || templates > 0)
            {
                db.AuditEntries.Add(new AuditEntry
                {
                    AtUtc = now, UserName = "system", EntityType = "Retention", EntityId = "-", Action = "retention",
                    NewValues = JsonSerializer.Serialize(new { retention_days = days, records_deleted = records, people_face_data_erased = stale.Count, templates_deleted = templates }),
                    Reason = $"older than the {days}-day retention",
                });
                await db.SaveChangesAsync(ct);
            }
            return (new RetentionResult(records, stale.Count, templates), stale);
        }, cancellationToken);

        foreach (var id in erasedPeople) gallery.Index.RemovePerson(id);
        if (result.RecordsDeleted > 0 || result.TemplatesDeleted > 0)
        {
            logger.LogInformation("Retention: {Records} records deleted, face data of {People} people erased", result.RecordsDeleted, result.PeopleFaceDataErased);
        }
        return result;
    }
}
