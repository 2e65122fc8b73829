namespace AttendanceBlazor.Data.Entities;

/// <summary>
/// A REST call sent with an Idempotency-Key, and its answer once there is one: a resend of the same key by the same
/// device gets this answer again instead of being processed twice. Kept a day.
/// </summary>
public sealed class IdempotentRequest
{
    /// <summary>The device's name (device names are unique).</summary>
    public required string Device { get; set; }

    public required string Key { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>Null while the first request is still being processed.</summary>
    public int? StatusCode { get; set; }

    public string? ContentType { get; set; }

    public byte[]? Body { get; set; }
}
