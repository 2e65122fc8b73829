namespace AttendanceBlazor.Application.Accounts;

/// <summary>
/// What the Users page's dialog saves for an existing account in one go: its roles, a new password (or null to keep
/// it) and the person it is linked to (or null for none).
/// </summary>
public sealed record UserEdit(string UserId, IReadOnlyCollection<string> Roles, string? NewPassword, int? PersonId);
