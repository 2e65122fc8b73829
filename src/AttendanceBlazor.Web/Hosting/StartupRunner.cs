using AttendanceBlazor.Application;

namespace AttendanceBlazor.Web.Hosting;

/// <summary>Runs the application's startup (models, database, roles, gallery) before the server takes requests.</summary>
public sealed class StartupRunner(ApplicationStartup startup) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => startup.RunAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
