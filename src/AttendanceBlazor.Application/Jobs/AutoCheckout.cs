using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Application.Time;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Application.Jobs;

/// <summary>
/// Closes forgotten check-outs: a record still open at the configured local check-out time (the first one after the
/// check-in), or after the maximum duration, is closed at that moment and marked auto-closed for HR to review. The
/// person's next event is then a check-in, not a check-out of yesterday's record.
/// </summary>
public sealed class AutoCheckout(
    IDbContextFactory<AttendanceDbContext> dbFactory,
    AttendanceSettings settingsProvider,
    IOptions<AttendanceOptions> options,
    TimeProvider time,
    ILogger<AutoCheckout> logger) : IPeriodicJob
{
    public TimeSpan Interval => options.Value.AutoCheckoutInterval;

    public async Task RunAsync(CancellationToken cancellationToken) => await CloseForgottenAsync(cancellationToken);

    /// <summary>Closes every record whose deadline has passed; returns how many.</summary>
    public async Task<int> CloseForgottenAsync(CancellationToken cancellationToken = default)
    {
        var settings = await settingsProvider.GetAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var closed = await dbFactory.InTransactionAsync(async (db, ct) =>
        {
            var open = await db.AttendanceRecords.Include(r => r.Person).Where(r => r.CheckOutUtc == null).ToListAsync(ct);
            var count = 0;
            foreach (var record in open)
            {
                var deadline = Deadline(record.CheckInUtc, settings);
                if (now < deadline) continue;
                record.CheckOutUtc = deadline;
                record.CheckOutSource = AttendanceSource.AutoClose;
                record.CheckOutDevice = "automatic";
                record.AutoClosed = true;
                db.AddAudit(time, Actor.System, AuditEntities.Record, record.Id, AuditActions.AutoClose, null,
                    new { check_out = settings.Format(deadline) }, "forgotten check-out closed automatically");
                // In the same transaction as the close: sent if and only if it happened.
                await Integrations.Outbox.AddAsync(db, time, Integrations.WebhookEvents.Corrected, record.PersonId,
                    Integrations.Outbox.Record(settings, record, record.Person?.DisplayName, Integrations.WebhookEvents.Changes.AutoClosed), ct);
                count++;
            }
            if (count > 0) await db.SaveChangesAsync(ct);
            return count;
        }, cancellationToken);
        if (closed > 0) logger.LogInformation("Closed {Count} forgotten check-outs", closed);
        return closed;
    }

    /// <summary>The earlier of: the first configured local check-out time after the check-in, and check-in plus the maximum duration.</summary>
    public static DateTime Deadline(DateTime checkInUtc, EffectiveSettings settings)
    {
        var byDuration = checkInUtc + settings.MaxOpenDuration;
        if (settings.AutoCheckoutTime is not { } timeOfDay) return byDuration;
        var localCheckIn = settings.ToLocal(checkInUtc);
        var candidate = localCheckIn.Date + timeOfDay;
        if (candidate <= localCheckIn) candidate = candidate.AddDays(1);
        var byClock = LocalTime.ToUtc(candidate, settings.TimeZone);
        return byClock < byDuration ? byClock : byDuration;
    }
}
