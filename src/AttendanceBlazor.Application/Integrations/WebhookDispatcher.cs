using System.Text;
using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Application.Integrations;

/// <summary>
/// Sends the outbox: each due event is claimed in the database by one node (an UPDATE that only one can win), posted
/// with its Standard Webhooks headers (the same webhook-id on every try), and marked delivered on a 2xx or given its
/// next try (Webhooks:RetryDelays). Redirects are not followed; an answer must come within Webhooks:Timeout; at most
/// 1 KB of it is kept. An endpoint without a success for Webhooks:DisableAfter while events wait is disabled, its
/// waiting events marked failed, and the audit log says so (the Integrations page shows it to Admins).
/// </summary>
public sealed class WebhookDispatcher : IDisposable
{
    private const int Batch = 20;
    private const int KeptResponse = 1024;
    private static readonly TimeSpan Claim = TimeSpan.FromMinutes(2);

    private readonly IDbContextFactory<AttendanceDbContext> _dbFactory;
    private readonly WebhookService _service;
    private readonly WebhookOptions _options;
    private readonly IReadOnlyList<TimeSpan> _delays;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookDispatcher> _logger;
    private readonly HttpClient _http;
    private readonly string _node = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public WebhookDispatcher(IDbContextFactory<AttendanceDbContext> dbFactory, WebhookService service, IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookDispatcher> logger)
    {
        (_dbFactory, _service, _options, _time, _logger) = (dbFactory, service, options.Value, time, logger);
        _delays = _options.Delays();
        // No redirects: a receiver that moved says so with a 3xx, which is a failure to look at, never a hop elsewhere.
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = _options.Timeout, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The wait before try number <paramref name="attempts"/> + 1.</summary>
    public TimeSpan Delay(int attempts) => _delays[Math.Min(attempts, _delays.Count) - 1];

    /// <summary>One round: disable endpoints failing for a day, then send what is due. Returns how many were sent.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await DisableFailingAsync(cancellationToken);
        var now = _time.GetUtcNow().UtcDateTime;
        List<(long Id, int EndpointId)> due;
        await using (var db = await _dbFactory.CreateDbContextAsync(cancellationToken))
        {
            due = (await db.WebhookDeliveries.AsNoTracking()
                .Where(d => d.State == WebhookDeliveryState.Pending && d.NextAttemptUtc <= now && (d.ClaimedUntilUtc == null || d.ClaimedUntilUtc < now))
                // A disabled endpoint's events (resent ones) wait until an Admin enables it.
                .Where(d => db.WebhookEndpoints.Any(e => e.Id == d.EndpointId && e.Enabled))
                .OrderBy(d => d.Id).Select(d => new { d.Id, d.EndpointId }).Take(Batch).ToListAsync(cancellationToken))
                .Select(d => (d.Id, d.EndpointId)).ToList();
        }
        // Each endpoint's events in order, the endpoints side by side: a receiver that times out holds up only itself.
        var sent = await Task.WhenAll(due.GroupBy(d => d.EndpointId).Select(async endpoint =>
        {
            var count = 0;
            foreach (var (id, _) in endpoint)
            {
                if (!await ClaimAsync(id, cancellationToken)) continue;
                if (await SendAsync(id, cancellationToken)) count++;
            }
            return count;
        }));
        return sent.Sum();
    }

    /// <summary>Takes the event for this node: one UPDATE whose condition only one node can meet.</summary>
    private async Task<bool> ClaimAsync(long id, CancellationToken ct)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var until = now + Claim;
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var claimed = await db.WebhookDeliveries
            .Where(d => d.Id == id && d.State == WebhookDeliveryState.Pending && d.NextAttemptUtc <= now && (d.ClaimedUntilUtc == null || d.ClaimedUntilUtc < now))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimedBy, _node).SetProperty(d => d.ClaimedUntilUtc, until), ct);
        return claimed == 1;
    }

    private async Task<bool> SendAsync(long id, CancellationToken ct)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var delivery = await db.WebhookDeliveries.SingleAsync(d => d.Id == id, ct);
        var endpoint = await db.WebhookEndpoints.AsNoTracking().SingleOrDefaultAsync(e => e.Id == delivery.EndpointId, ct);
        var now = _time.GetUtcNow();
        if (endpoint is not { Enabled: true })
        {
            (delivery.ClaimedBy, delivery.ClaimedUntilUtc) = (null, null);
            await db.SaveChangesAsync(ct);
            return false;
        }
        var timestamp = now.ToUnixTimeSeconds();
        int? status = null;
        string? answer;
        var ok = false;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(_options.Timeout);
        try
        {
            var secrets = new List<string> { _service.Unprotect(endpoint.Secret) };
            if (endpoint.PreviousSecret is { } previous && endpoint.PreviousSecretUntilUtc > now.UtcDateTime) secrets.Add(_service.Unprotect(previous));
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json") };
            request.Headers.Add("webhook-id", delivery.MessageId);
            request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("webhook-signature", WebhookSigner.Header(secrets, delivery.MessageId, timestamp, delivery.Payload));
            request.Headers.UserAgent.ParseAdd("AttendanceBlazor-Webhooks/1");
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            status = (int)response.StatusCode;
            ok = response.IsSuccessStatusCode;
            answer = await ReadSomeAsync(response, deadline.Token);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // A failed try like any other (counted, retried, given up after a day), with the reason an Admin can act on.
            answer = "the endpoint's secret cannot be read with this node's Data Protection keys (is the key ring shared?)";
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            answer = $"no answer within {_options.Timeout.TotalSeconds:0} s";
        }
        catch (HttpRequestException ex)
        {
            answer = ex.Message.Length > KeptResponse ? ex.Message[..KeptResponse] : ex.Message;
        }

        var after = _time.GetUtcNow().UtcDateTime;
        // Still ours? A resend or a lapsed claim may have handed it on meanwhile: then the other holder records it.
        if (!await db.WebhookDeliveries.AnyAsync(d => d.Id == id && d.ClaimedBy == _node, ct)) return true;
        delivery.Attempts++;
        delivery.LastAttemptUtc = after;
        delivery.LastStatus = status;
        delivery.LastResponse = answer;
        (delivery.ClaimedBy, delivery.ClaimedUntilUtc) = (null, null);
        if (ok)
        {
            delivery.State = WebhookDeliveryState.Delivered;
            delivery.DeliveredUtc = after;
            await db.WebhookEndpoints.Where(e => e.Id == endpoint.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.LastSuccessUtc, after), ct);
        }
        else
        {
            delivery.FailingSinceUtc ??= after;
            delivery.NextAttemptUtc = after + Delay(delivery.Attempts);
            _logger.LogWarning("Webhook {MessageId} to endpoint {EndpointId} failed (try {Attempts}, status {Status}); next try at {Next:u}",
                delivery.MessageId, endpoint.Id, delivery.Attempts, status, delivery.NextAttemptUtc);
        }
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static async Task<string> ReadSomeAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[KeptResponse];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), ct);
            if (n == 0) break;
            read += n;
        }
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    /// <summary>
    /// Gives up on what has failed for Webhooks:DisableAfter: when the endpoint took nothing in that time either, it is
    /// disabled and all its waiting events marked failed (the audit log and the Integrations page tell the Admins);
    /// when it took other events, only the event it keeps refusing is marked failed.
    /// </summary>
    private async Task DisableFailingAsync(CancellationToken ct)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var before = now - _options.DisableAfter;
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var failing = await db.WebhookEndpoints.AsNoTracking()
            .Where(e => e.Enabled && db.WebhookDeliveries.Any(d => d.EndpointId == e.Id && d.State == WebhookDeliveryState.Pending && d.FailingSinceUtc < before))
            .Select(e => new { e.Id, e.Url, e.LastSuccessUtc }).ToListAsync(ct);
        foreach (var e in failing)
        {
            if (e.LastSuccessUtc >= before)
            {
                await db.WebhookDeliveries.Where(d => d.EndpointId == e.Id && d.State == WebhookDeliveryState.Pending && d.FailingSinceUtc < before)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.State, WebhookDeliveryState.Failed), ct);
                continue;
            }
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                // Only one node wins the switch, and only it writes the audit entry.
                var switched = await db.WebhookEndpoints.Where(x => x.Id == e.Id && x.Enabled)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Enabled, false).SetProperty(x => x.DisabledUtc, now), ct);
                if (switched == 1)
                {
                    var failed = await db.WebhookDeliveries.Where(d => d.EndpointId == e.Id && d.State == WebhookDeliveryState.Pending)
                        .ExecuteUpdateAsync(s => s.SetProperty(d => d.State, WebhookDeliveryState.Failed), ct);
                    db.AddAudit(_time, Actor.System, AuditEntities.Webhook, e.Id, AuditActions.WebhookDisabled, new { enabled = true },
                        new { enabled = false, failed, url = WebhookService.ForAudit(e.Url) }, "no successful delivery for " + _options.DisableAfter.TotalHours + " hours");
                    await db.SaveChangesAsync(ct);
                    _logger.LogError("Webhook endpoint {EndpointId} disabled: no successful delivery for {Hours} hours; {Failed} events marked failed", e.Id, _options.DisableAfter.TotalHours, failed);
                }
                await tx.CommitAsync(ct);
            });
        }
    }

    public void Dispose() => _http.Dispose();
}
