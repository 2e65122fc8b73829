using Microsoft.AspNetCore.Identity;

namespace AttendanceBlazor.Data.Entities;

/// <summary>Who changed what, when and why. Written in the same transaction as the change.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime AtUtc { get; set; }

    public string? UserId { get; set; }

    public required string UserName { get; set; }

    public required string EntityType { get; set; }

    public required string EntityId { get; set; }

    public required string Action { get; set; }

    public string? OldValues { get; set; }

    public string? NewValues { get; set; }

    public string? Reason { get; set; }
}
