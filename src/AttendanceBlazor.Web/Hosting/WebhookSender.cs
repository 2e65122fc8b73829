using AttendanceBlazor.Application.Integrations;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Web.Hosting;

/// <summary>
/// Runs the webhook dispatcher on every node: at once when this node wrote an event, else every
/// Webhooks:PollInterval (another node's events, retries). The claim in the database keeps two nodes from sending
/// the same event at the same time.
/// </summary>
public sealed class WebhookSender(WebhookDispatcher dispatcher, IOptions<WebhookOptions> options, ILogger<WebhookSender> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A full batch may have more behind it: go again without waiting.
                if (await dispatcher.RunOnceAsync(stoppingToken) > 0) continue;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Sending webhooks failed; trying again in {Interval}", options.Value.PollInterval);
            }
            try
            {
                await OutboxSignal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
