using AttendanceBlazor.Application.Jobs;

namespace AttendanceBlazor.Web.Hosting;

/// <summary>
/// Runs an application job at start and then every <see cref="IPeriodicJob.Interval"/>, on the app's clock. A failed
/// run is logged and the next tick tries again: a database that is briefly away must not stop a job for good.
/// </summary>
public sealed class PeriodicJobRunner<TJob>(TJob job, TimeProvider time, ILogger<TJob> logger) : BackgroundService
    where TJob : IPeriodicJob
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(job.Interval, time);
        do
        {
            try
            {
                await job.RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "{Job} failed; it runs again in {Interval}", typeof(TJob).Name, job.Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
