namespace AttendanceBlazor.Data.Entities;

/// <summary>A receiver of signed webhooks (Standard Webhooks), added by an Admin.</summary>
public sealed class WebhookEndpoint
{
    public int Id { get; set; }

    public required string Url { get; set; }

    /// <summary>The event types it receives, comma-separated ("attendance.checked_in,person.erased"); "*" for all.</summary>
    public required string Events { get; set; }

    /// <summary>The "whsec_" secret, encrypted with the app's Data Protection keys.</summary>
    public required string Secret { get; set; }

    /// <summary>After a rotation: the old secret, still signing (a second signature) until <see cref="PreviousSecretUntilUtc"/>.</summary>
    public string? PreviousSecret { get; set; }

    public DateTime? PreviousSecretUntilUtc { get; set; }

    public bool Enabled { get; set; } = true;

    public DateTime CreatedUtc { get; set; }

    public DateTime? LastSuccessUtc { get; set; }

    /// <summary>When it was disabled for 24 hours without a success (null while enabled, or disabled by no one).</summary>
    public DateTime? DisabledUtc { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();
}

public enum WebhookDeliveryState
{
    Pending = 0,
    Delivered = 1,
    Failed = 2,
}

/// <summary>
/// One event for one endpoint: written in the transaction of the event itself (the outbox), sent at least once, the
/// same <see cref="MessageId"/> on every try, claimed by one node at a time. Kept as the endpoint's delivery log.
/// </summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }

    public int EndpointId { get; set; }

    /// <summary>The webhook-id header: the same on every retry, so receivers can drop repeats.</summary>
    public required string MessageId { get; set; }

    public required string EventType { get; set; }

    /// <summary>The person the event is about, so their erasure takes it along (no foreign key: the event outlives a merge).</summary>
    public int? PersonId { get; set; }

    /// <summary>The body sent: {"type", "timestamp", "data"}.</summary>
    public required string Payload { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime NextAttemptUtc { get; set; }

    public int Attempts { get; set; }

    public WebhookDeliveryState State { get; set; }

    /// <summary>The node sending it now, and until when its claim holds (a node that died lets it go then).</summary>
    public string? ClaimedBy { get; set; }

    public DateTime? ClaimedUntilUtc { get; set; }

    public DateTime? LastAttemptUtc { get; set; }

    /// <summary>The first failed try since it was written or resent: after Webhooks:DisableAfter of failing it is given up.</summary>
    public DateTime? FailingSinceUtc { get; set; }

    /// <summary>The receiver's HTTP status of the last try; null when it could not be reached.</summary>
    public int? LastStatus { get; set; }

    /// <summary>At most 1 KB of the last answer, or why there was none.</summary>
    public string? LastResponse { get; set; }

    public DateTime? DeliveredUtc { get; set; }
}
