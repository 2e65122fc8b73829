namespace AttendanceBlazor.Data.Entities;

public enum EmailMessageState
{
    Pending = 0,
    Sent = 1,
    Failed = 2,
}

/// <summary>
/// A reminder e-mail in the outbox: planned once across nodes (<see cref="Key"/> is unique: the same reminder planned
/// twice is one row), sent by one node at a time through the same kind of claim as webhooks, kept as the sent log.
/// </summary>
public sealed class EmailMessage
{
    public long Id { get; set; }

    /// <summary>What it is about, once: "auto-closed:record:42", "weekly:2026-12-07:person:7", "digest:2026-12-07:user:...".</summary>
    public required string Key { get; set; }

    /// <summary>auto_closed, weekly, confirm_month or hr_digest.</summary>
    public required string Kind { get; set; }

    /// <summary>The person it is about, so their erasure takes it along; null for HR's digest.</summary>
    public int? PersonId { get; set; }

    public required string To { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime NextAttemptUtc { get; set; }

    public int Attempts { get; set; }

    public EmailMessageState State { get; set; }

    public string? ClaimedBy { get; set; }

    public DateTime? ClaimedUntilUtc { get; set; }

    public string? LastError { get; set; }

    public DateTime? SentUtc { get; set; }
}
