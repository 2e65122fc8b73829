using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Web.Attendance;

/// <summary>
/// Closes forgotten check-outs: a record still open at the configured local check-out time (the first one after the
/// check-in), or after the maximum duration, is closed at that moment and marked auto-closed for HR to review. The
/// person's next event is then a check-in, not a check-out of yesterday's record.
/// </summary>
public sealed class AutoCheckoutService(
    IDbContextFactory<AttendanceDbContext> dbFactory,
    AttendanceSettings settingsProvider,
    IOptions<AttendanceOptions> options,
    TimeProvider time,
    ILogger<AutoCheckoutService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.AutoCheckoutInterval, time);
        do
        {
            try
            {
                await CloseForgottenAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next tick tries again; a database that is briefly away must not stop the job for good.
                logger.LogError(ex, "Automatic check-out failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Closes every record whose deadline has passed; returns how many.</summary>
    public async Task<int> CloseForgottenAsync(CancellationToken cancellationToken = default)
    {
        var settings = await settingsProvider.GetAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var open = await db.AttendanceRecords.Include(r => r.Person).Where(r => r.CheckOutUtc == null).ToListAsync(cancellationToken);
        var closed = 0;
        foreach (var record in open)
        {
            var deadline = Deadline(record.CheckInUtc, settings);
            if (now < deadline) continue;
            record.CheckOutUtc = deadline;
            record.AutoClosed = true;
            db.AuditEntries.Add(new AuditEntry
            {
                AtUtc = now, UserName = "system", EntityType = nameof(AttendanceRecord), EntityId = record.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Action = "auto-close", NewValues = $"{{\"check_out\":\"{settings.Format(deadline)}\"}}",
                Reason = "forgotten check-out closed automatically",
            });
            closed++;
        }
        if (closed > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Closed {Count} forgotten check-outs", closed);
        }
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
        var byClock = LocalToUtc(candidate, settings.TimeZone);
        return byClock < byDuration ? byClock : byDuration;
    }

    /// <summary>Local wall time to UTC on any day, including daylight-saving changes: a time that does not exist (spring forward) moves past the gap; an ambiguous one (fall back) takes its first occurrence.</summary>
    public static DateTime LocalToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(30);
        if (zone.IsAmbiguousTime(local))
        {
            var offset = zone.GetAmbiguousTimeOffsets(local).Max();
            return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}
