namespace AttendanceBlazor.Application.Jobs;

/// <summary>Work the app does on its own every <see cref="Interval"/>; a host schedules it (the web app's PeriodicJobRunner).</summary>
public interface IPeriodicJob
{
    TimeSpan Interval { get; }

    Task RunAsync(CancellationToken cancellationToken);
}
