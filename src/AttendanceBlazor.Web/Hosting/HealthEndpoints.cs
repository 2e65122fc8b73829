using AttendanceBlazor.Application;
using AttendanceBlazor.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AttendanceBlazor.Web.Hosting;

/// <summary>
/// Probes for a load balancer or an orchestrator, anonymous and outside the first-run redirect:
/// <c>/healthz/live</c> answers while the process serves requests; <c>/healthz/ready</c> only once the models,
/// the database (migrated, reachable now) and the face gallery are ready, and while recognition is not saturated (a
/// node whose queue would keep a new press waiting more than half its deadline says so, and the load balancer sends new
/// sessions elsewhere until it has caught up). Plain text, no details to strangers.
/// </summary>
public static class HealthEndpoints
{
    private const string Ready = "ready";

    public static IServiceCollection AddAttendanceHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<StartupCheck>("startup", tags: [Ready])
            .AddCheck<DatabaseCheck>("database", tags: [Ready])
            .AddCheck<FaceIndexCheck>("face-index", tags: [Ready])
            .AddCheck<RecognitionCheck>("recognition", tags: [Ready]);
        return services;
    }

    public static IEndpointRouteBuilder MapAttendanceHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().DisableRateLimiting();
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) }).AllowAnonymous().DisableRateLimiting();
        return app;
    }

    private sealed class StartupCheck(ApplicationStartup startup) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(startup.Completed ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("starting: models, database or gallery not ready"));
    }

    /// <summary>The face index has read the change feed lately: a node that cannot would answer with stale faces.</summary>
    private sealed class FaceIndexCheck(Application.Faces.FaceIndexFeed feed, Microsoft.Extensions.Options.IOptions<Application.Settings.AttendanceOptions> options) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var within = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(10).Ticks, options.Value.IndexFeedInterval.Ticks * 20));
            return Task.FromResult(feed.CaughtUp(within) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("face index behind the change feed"));
        }
    }

    /// <summary>Saturated: the queue is full, or a press arriving now would wait more than half of Attendance:AnswerWithin for a slot.</summary>
    private sealed class RecognitionCheck(Application.Faces.RecognitionGate gate, Microsoft.Extensions.Options.IOptions<Application.Settings.AttendanceOptions> options) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(gate.SaturatedFor(options.Value.AnswerWithin / 2)
                ? HealthCheckResult.Unhealthy("recognition saturated")
                : HealthCheckResult.Healthy());
    }

    private sealed class DatabaseCheck(IDbContextFactory<AttendanceDbContext> dbFactory) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                return await db.Database.CanConnectAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("database unreachable");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy("database unreachable", ex);
            }
        }
    }
}
