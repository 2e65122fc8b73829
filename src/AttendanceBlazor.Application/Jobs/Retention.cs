using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Application.Faces;
using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Application.Jobs;

/// <summary>
/// Keeps only what the settings allow. Records: closed attendance records that ended before the retention cut-off
/// (Settings page, or Attendance:RetentionDays; empty keeps them) are deleted, and so is the face data of anyone not
/// seen since (no check-in, sample or registration after it). Face data also has limits of its own, on by default:
/// Attendance:FaceDataAfterDeactivationDays after someone was deactivated, Attendance:FaceDataUnusedDays after their
/// last check-in. Open records are never touched. Afterwards the SQLite write-ahead log is truncated, as after an
/// erasure. The audit log stays, as accountability for the changes themselves; it names nobody whose data was removed.
/// </summary>
public sealed class Retention(
    IDbContextFactory<AttendanceDbContext> dbFactory,
    AttendanceSettings settingsProvider,
    FaceGallery gallery,
    IOptions<AttendanceOptions> options,
    TimeProvider time,
    ILogger<Retention> logger) : IPeriodicJob
{
    public TimeSpan Interval { get; } = TimeSpan.FromHours(6);

    public async Task RunAsync(CancellationToken cancellationToken) => await RunOnceAsync(cancellationToken);

    public async Task<RetentionResult> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var settings = await settingsProvider.GetAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        DateTime? cutoff = settings.RetentionDays is { } days ? now.AddDays(-days) : null;
        DateTime? unusedCutoff = options.Value.FaceDataUnusedDays is { } unused ? now.AddDays(-unused) : null;
        DateTime? leftCutoff = options.Value.FaceDataAfterDeactivationDays is { } left ? now.AddDays(-left) : null;

        var (result, erasedPeople) = await dbFactory.InTransactionAsync(async (db, ct) =>
        {
            var records = cutoff is { } c ? await db.AttendanceRecords.Where(r => r.CheckOutUtc != null && r.CheckOutUtc < c).ExecuteDeleteAsync(ct) : 0;
            var stale = new HashSet<int>();
            // Not seen since a cut-off: registered before it, no record and no face sample after it.
            foreach (var since in new[] { cutoff, unusedCutoff }.OfType<DateTime>())
            {
                stale.UnionWith(await db.People
                    .Where(p => p.CreatedUtc < since && p.Templates.Any())
                    .Where(p => !p.Records.Any(r => r.CheckOutUtc == null || r.CheckInUtc >= since || r.CheckOutUtc >= since))
                    .Where(p => !p.Templates.Any(t => t.CreatedUtc >= since))
                    .Select(p => p.Id).ToListAsync(ct));
            }
            if (leftCutoff is { } l)
            {
                stale.UnionWith(await db.People.Where(p => !p.IsActive && p.DeactivatedUtc != null && p.DeactivatedUtc < l && p.Templates.Any())
                    .Select(p => p.Id).ToListAsync(ct));
            }
            var ids = stale.ToList();
            var templates = ids.Count == 0 ? 0 : await db.FaceTemplates.Where(t => ids.Contains(t.PersonId)).ExecuteDeleteAsync(ct);
            if (ids.Count > 0) await db.SeenFrames.Where(f => f.PersonId != null && ids.Contains(f.PersonId.Value)).ExecuteDeleteAsync(ct);
            if (ids.Count > 0)
            {
                db.FaceIndexChanged(now, ids);
                await db.SaveChangesAsync(ct);
            }
            if (cutoff is { } reviewCutoff)
            {
                // The review list is kept no longer than the records it is about; a held registration older than the
                // cut-off takes its face with it.
                await db.ReviewItems.Where(r => r.AtUtc < reviewCutoff).ExecuteDeleteAsync(ct);
            }
            // The webhook and e-mail logs (names, times) are kept 90 days once done with, and never longer than the
            // records they are about.
            var logBefore = now.AddDays(-90);
            if (cutoff is { } logCutoff && logCutoff > logBefore) logBefore = logCutoff;
            await db.WebhookDeliveries.Where(d => d.State != WebhookDeliveryState.Pending && d.CreatedUtc < logBefore).ExecuteDeleteAsync(ct);
            await db.EmailMessages.Where(m => m.State != EmailMessageState.Pending && m.CreatedUtc < logBefore).ExecuteDeleteAsync(ct);
            // Wrong-PIN counts, once they lock nothing (a lock only HR lifts stays).
            var dayAgo = now.AddDays(-1);
            await db.PinLocks.Where(a => a.LastFailureUtc < dayAgo && (a.LockedUntilUtc == null || a.LockedUntilUtc < now)).ExecuteDeleteAsync(ct);
            // A registration held for HR and never decided goes after Attendance:HeldRegistrationDays with its face
            // (security recheck N7), whatever RetentionDays says.
            var heldBefore = now - TimeSpan.FromDays(options.Value.HeldRegistrationDays);
            var heldDeleted = await db.ReviewItems.Where(r => r.Kind == ReviewKind.PendingRegistration && r.State == ReviewState.Open && r.AtUtc < heldBefore).ExecuteDeleteAsync(ct);
            // Liveness frames are remembered for Attendance:LivenessFrameDays (docs/decisions/016).
            var framesBefore = now - TimeSpan.FromDays(options.Value.LivenessFrameDays);
            await db.SeenFrames.Where(f => f.SeenUtc < framesBefore).ExecuteDeleteAsync(ct);
            // Idempotency-Key outcomes are kept a day (Idempotency.Kept).
            var keysBefore = now - CheckIn.Idempotency.Kept;
            await db.IdempotentRequests.Where(r => r.CreatedUtc < keysBefore).ExecuteDeleteAsync(ct);
            if (records > 0 || templates > 0 || heldDeleted > 0)
            {
                db.AddAudit(time, Actor.System, AuditEntities.Retention, "-", AuditActions.Retention, null,
                    new
                    {
                        retention_days = settings.RetentionDays, face_data_unused_days = options.Value.FaceDataUnusedDays,
                        face_data_after_deactivation_days = options.Value.FaceDataAfterDeactivationDays,
                        records_deleted = records, people_face_data_erased = ids.Count, templates_deleted = templates, held_registrations_deleted = heldDeleted,
                    },
                    "retention limits");
                await db.SaveChangesAsync(ct);
            }
            return (new RetentionResult(records, ids.Count, templates) { HeldRegistrationsDeleted = heldDeleted }, ids);
        }, cancellationToken);

        foreach (var id in erasedPeople) gallery.RemovePerson(id);
        if (result.RecordsDeleted > 0 || result.TemplatesDeleted > 0 || result.HeldRegistrationsDeleted > 0)
        {
            await SqliteWal.TruncateAsync(dbFactory, cancellationToken);
            logger.LogInformation("Retention: {Records} records deleted, face data of {People} people erased", result.RecordsDeleted, result.PeopleFaceDataErased);
        }
        return result;
    }
}
