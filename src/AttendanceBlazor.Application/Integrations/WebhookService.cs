using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Application.Integrations;

/// <summary>An endpoint as the Integrations page and `webhook list` show it.</summary>
public sealed record WebhookEndpointRow(int Id, string Url, IReadOnlyList<string> Events, bool Enabled, DateTime CreatedUtc, DateTime? LastSuccessUtc,
    DateTime? DisabledUtc, bool Rotating, int Pending, int Failed);

/// <summary>One line of an endpoint's delivery log.</summary>
public sealed record WebhookDeliveryRow(long Id, string MessageId, string EventType, DateTime CreatedUtc, WebhookDeliveryState State, int Attempts,
    DateTime? LastAttemptUtc, int? LastStatus, string? LastResponse, DateTime NextAttemptUtc);

/// <summary>
/// Webhook endpoints (Admins only): add (the secret shown once), list, remove, rotate the secret, the delivery log
/// and a resend. Secrets are kept encrypted with the Data Protection keys every node and the CLI share.
/// </summary>
public sealed class WebhookService(IDbContextFactory<AttendanceDbContext> dbFactory, IDataProtectionProvider protection, IOptions<WebhookOptions> options, TimeProvider time)
{
    private IDataProtector Protector => protection.CreateProtector("AttendanceBlazor.Webhooks.Secret.v1");

    internal string Unprotect(string stored) => Protector.Unprotect(stored);

    /// <summary>Adds an endpoint; the outcome's <see cref="OperationResult.Secret"/> is the whsec_ secret, shown once.</summary>
    public async Task<OperationResult> AddAsync(string? url, string? events, Actor actor, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.UserInfo.Length > 0 || url!.Length > 2000)
        {
            return OperationResult.Fail(Outcome.BadWebhookUrl);
        }
        if (WebhookEvents.Parse(events) is not { } types) return OperationResult.Fail(Outcome.BadWebhookEvents);
        var secret = WebhookSigner.NewSecret();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var endpoint = new WebhookEndpoint
        {
            Url = uri.ToString(), Events = types.Count == WebhookEvents.All.Count ? "*" : string.Join(',', types), Secret = Protector.Protect(secret),
            CreatedUtc = time.GetUtcNow().UtcDateTime,
        };
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        db.AddAudit(time, actor, AuditEntities.Webhook, endpoint.Id, AuditActions.WebhookAdd, null, new { url = ForAudit(endpoint.Url), events = endpoint.Events });
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult.Ok(Outcome.WebhookAdded, endpoint.Url) with { CreatedId = endpoint.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Secret = secret };
    }

    /// <summary>A URL as the audit log keeps it: without its query, where receivers often carry a token (Azure Functions' ?code=).</summary>
    public static string ForAudit(string url) => url.IndexOf('?') is var q and >= 0 ? url[..q] + "?…" : url;

    public async Task<IReadOnlyList<WebhookEndpointRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var rows = await db.WebhookEndpoints.AsNoTracking().OrderBy(e => e.Id)
            .Select(e => new
            {
                e.Id, e.Url, e.Events, e.Enabled, e.CreatedUtc, e.LastSuccessUtc, e.DisabledUtc, e.PreviousSecretUntilUtc,
                Pending = db.WebhookDeliveries.Count(d => d.EndpointId == e.Id && d.State == WebhookDeliveryState.Pending),
                Failed = db.WebhookDeliveries.Count(d => d.EndpointId == e.Id && d.State == WebhookDeliveryState.Failed),
            }).ToListAsync(cancellationToken);
        return rows.Select(e => new WebhookEndpointRow(e.Id, e.Url, e.Events == "*" ? WebhookEvents.All : e.Events.Split(','), e.Enabled, e.CreatedUtc, e.LastSuccessUtc,
            e.DisabledUtc, e.PreviousSecretUntilUtc > now, e.Pending, e.Failed)).ToList();
    }

    public async Task<OperationResult> RemoveAsync(int id, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (endpoint is null) return OperationResult.Fail(Outcome.WebhookNotFound);
        db.WebhookEndpoints.Remove(endpoint);
        db.AddAudit(time, actor, AuditEntities.Webhook, id, AuditActions.WebhookRemove, new { url = ForAudit(endpoint.Url), events = endpoint.Events }, null);
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult.Ok(Outcome.WebhookRemoved, endpoint.Url);
    }

    /// <summary>A new secret; the old one keeps signing beside it (two v1 signatures) for Webhooks:RotationOverlap.</summary>
    public async Task<OperationResult> RotateSecretAsync(int id, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (endpoint is null) return OperationResult.Fail(Outcome.WebhookNotFound);
        var secret = WebhookSigner.NewSecret();
        endpoint.PreviousSecret = endpoint.Secret;
        endpoint.PreviousSecretUntilUtc = time.GetUtcNow().UtcDateTime + options.Value.RotationOverlap;
        endpoint.Secret = Protector.Protect(secret);
        db.AddAudit(time, actor, AuditEntities.Webhook, id, AuditActions.WebhookRotate, null, new { until = endpoint.PreviousSecretUntilUtc });
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult.Ok(Outcome.WebhookSecretRotated, endpoint.Url) with { Secret = secret };
    }

    /// <summary>An endpoint disabled after a day of failures is enabled again; its failed events are not resent by themselves.</summary>
    public async Task<OperationResult> EnableAsync(int id, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (endpoint is null) return OperationResult.Fail(Outcome.WebhookNotFound);
        if (endpoint.Enabled) return OperationResult.Ok(Outcome.NothingChanged, endpoint.Url);
        endpoint.Enabled = true;
        endpoint.DisabledUtc = null;
        db.AddAudit(time, actor, AuditEntities.Webhook, id, AuditActions.WebhookEnable, new { enabled = false }, new { enabled = true });
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult.Ok(Outcome.WebhookEnabled, endpoint.Url);
    }

    public async Task<IReadOnlyList<WebhookDeliveryRow>> LogAsync(int endpointId, int take = 100, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == endpointId).OrderByDescending(d => d.Id).Take(take)
            .Select(d => new WebhookDeliveryRow(d.Id, d.MessageId, d.EventType, d.CreatedUtc, d.State, d.Attempts, d.LastAttemptUtc, d.LastStatus, d.LastResponse, d.NextAttemptUtc))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Sends an event again (the same webhook-id), at once: a failed one, or one the receiver lost.</summary>
    public async Task<OperationResult> ResendAsync(long deliveryId, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == deliveryId, cancellationToken);
        if (delivery is null) return OperationResult.Fail(Outcome.WebhookNotFound);
        // Being sent right now by a node: that try stands (a second sender at once would send it twice).
        if (delivery.ClaimedUntilUtc > time.GetUtcNow().UtcDateTime) return OperationResult.Ok(Outcome.WebhookResent, delivery.MessageId);
        delivery.State = WebhookDeliveryState.Pending;
        delivery.NextAttemptUtc = time.GetUtcNow().UtcDateTime;
        delivery.FailingSinceUtc = null;
        delivery.ClaimedBy = null;
        delivery.ClaimedUntilUtc = null;
        db.AddAudit(time, actor, AuditEntities.Webhook, delivery.EndpointId, AuditActions.WebhookResend, null, new { delivery = delivery.MessageId, type = delivery.EventType });
        await db.SaveChangesAsync(cancellationToken);
        OutboxSignal.Raise();
        return OperationResult.Ok(Outcome.WebhookResent, delivery.MessageId);
    }
}
