using System.Globalization;
using System.Text.Json;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;

namespace AttendanceBlazor.Application.Audit;

/// <summary>
/// The one way a change is written to the audit log: who, when, what, before and after (serialized as JSON) and
/// why, added to the caller's context so it commits in the same transaction as the change.
/// </summary>
public static class AuditLog
{
    public static void AddAudit(this AttendanceDbContext db, TimeProvider time, Actor actor, string entityType, object entityId,
        string action, object? oldValues, object? newValues, string? reason = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = time.GetUtcNow().UtcDateTime,
            UserId = actor.UserId,
            UserName = actor.UserName,
            EntityType = entityType,
            EntityId = Convert.ToString(entityId, CultureInfo.InvariantCulture) ?? "",
            Action = action,
            OldValues = oldValues is null ? null : JsonSerializer.Serialize(oldValues),
            NewValues = newValues is null ? null : JsonSerializer.Serialize(newValues),
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
        });
}
