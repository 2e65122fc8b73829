using AttendanceBlazor.Application.Email;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Web.Hosting;

/// <summary>
/// E-mail reminders on every node, off until Email:Smtp:Host is set: every Email:PollInterval, plans what is due
/// (once across nodes: each reminder has a unique key) and sends the outbox (each message claimed by one node).
/// </summary>
public sealed class EmailSender(ReminderPlanner planner, EmailDispatcher dispatcher, IOptions<EmailOptions> options, ILogger<EmailSender> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Configured) return;
        using var timer = new PeriodicTimer(options.Value.PollInterval);
        do
        {
            try
            {
                await planner.PlanAsync(stoppingToken);
                await dispatcher.RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "E-mail reminders failed; trying again in {Interval}", options.Value.PollInterval);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
