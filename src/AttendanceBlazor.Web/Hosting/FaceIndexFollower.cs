using System.Threading.Channels;
using AttendanceBlazor.Application;
using AttendanceBlazor.Application.Faces;
using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AttendanceBlazor.Web.Hosting;

/// <summary>
/// Keeps this node's face index in step with the database (ADR 014): once the gallery is loaded, reads the change
/// feed every Attendance:IndexFeedInterval, and at once when PostgreSQL says a line was added (LISTEN/NOTIFY, a
/// trigger on the feed table fires it at commit: migration FaceIndexNotify), and prunes old lines once an hour. The
/// interval is real time, not the app's clock: it is how fast a change reaches this node, whatever the business clock
/// says (tests fake that one). The polling stays when notifications flow: a notification lost with its connection
/// costs one interval, never a change.
/// </summary>
public sealed class FaceIndexFollower(
    FaceIndexFeed feed,
    ApplicationStartup startup,
    IDbContextFactory<AttendanceDbContext> dbFactory,
    IOptions<AttendanceOptions> options,
    ILogger<FaceIndexFollower> logger) : BackgroundService
{
    /// <summary>The channel the feed table's trigger notifies on (the PostgreSQL migration FaceIndexNotify).</summary>
    public const string NotifyChannel = "attendance_face_index";

    // One pending wake-up is enough: a poll reads every line added since the last.
    private readonly Channel<bool> _wakeUps = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Notifications received (tests read it to tell a wake-up from a poll).</summary>
    public long Notifications => Interlocked.Read(ref _notifications);

    private long _notifications;

    /// <summary>Whether a connection is listening for the feed's notifications now (PostgreSQL only).</summary>
    public bool Listening { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!startup.Completed) await Task.Delay(TimeSpan.FromMilliseconds(100), stoppingToken);
        var interval = options.Value.IndexFeedInterval;
        var listening = ListenAsync(stoppingToken);
        var polls = 0L;
        var prunesEvery = (long)Math.Max(1, TimeSpan.FromHours(1) / interval);
        while (!stoppingToken.IsCancellationRequested)
        {
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                wait.CancelAfter(interval);
                try
                {
                    await _wakeUps.Reader.ReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // The interval passed without a notification: poll anyway.
                }
            }
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
        await listening;
    }

    /// <summary>On PostgreSQL, a connection of its own that listens for the feed's notifications, opened again when it drops.</summary>
    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        string? connectionString;
        await using (var db = await dbFactory.CreateDbContextAsync(stoppingToken))
        {
            if (!db.Database.IsNpgsql()) return;
            connectionString = db.Database.GetConnectionString();
        }
        // Keepalive: a connection that only waits would otherwise not notice a server that went away.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { KeepAlive = 30, Pooling = false };
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                connection.Notification += (_, _) =>
                {
                    Interlocked.Increment(ref _notifications);
                    _wakeUps.Writer.TryWrite(true);
                };
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {NotifyChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                Listening = true;
                logger.LogInformation("Face index: listening for changes on PostgreSQL channel {Channel}", NotifyChannel);
                // Lines added while no one listened: one poll now.
                _wakeUps.Writer.TryWrite(true);
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Listening = false;
                logger.LogWarning(ex, "Face index: listening for change notifications failed; polling goes on, listening again in 5 s");
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
