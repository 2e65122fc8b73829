using AttendanceBlazor.Application;
using AttendanceBlazor.Application.Faces;
using AttendanceBlazor.Application.Settings;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Web.Hosting;

/// <summary>
/// Keeps this node's face index in step with the database (ADR 014): once the gallery is loaded, reads the change
/// feed every Attendance:IndexFeedInterval and prunes old lines once an hour. The interval is real time, not the
/// app's clock: it is how fast a change reaches this node, whatever the business clock says (tests fake that one).
/// </summary>
public sealed class FaceIndexFollower(FaceIndexFeed feed, ApplicationStartup startup, IOptions<AttendanceOptions> options, ILogger<FaceIndexFollower> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!startup.Completed) await Task.Delay(TimeSpan.FromMilliseconds(100), stoppingToken);
        var interval = options.Value.IndexFeedInterval;
        using var timer = new PeriodicTimer(interval);
        var polls = 0L;
        var prunesEvery = (long)Math.Max(1, TimeSpan.FromHours(1) / interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await feed.PollAsync(stoppingToken);
                if (++polls % prunesEvery == 0) await feed.PruneAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A database that is away for a moment: the next poll reads what was missed (the readiness probe
                // turns unready if it lasts).
                logger.LogWarning(ex, "Face index: reading the change feed failed; trying again in {Interval}", interval);
            }
        }
    }
}
