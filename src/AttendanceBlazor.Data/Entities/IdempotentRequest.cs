namespace AttendanceBlazor.Data.Entities;

/// <summary>
/// A device's Idempotency-Key and the outcome of the request that carried it, written in the same transaction as
/// the event it recorded: a resend of the key gets this outcome again and records nothing. Requests that recorded
/// nothing (a refusal) keep no row; their resend is simply decided again. Kept a day.
/// </summary>
public sealed class IdempotentRequest
{
    /// <summary>The device's name (device names are unique).</summary>
    public required string Device { get; set; }

    public required string Key { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>The outcome as the API answers it, JSON (Idempotency's stored answer).</summary>
    public required string Outcome { get; set; }

    /// <summary>
    /// What the request asked, as SHA-256 (hex) over its images' bytes, name, consent and consent_version: a resend
    /// is the same request only if this matches (security recheck N6). Null on rows from before it was kept.
    /// </summary>
    public string? Fingerprint { get; set; }

    /// <summary>The person the outcome names, so their erasure takes the row with it (security recheck N5).</summary>
    public int? PersonId { get; set; }
}
