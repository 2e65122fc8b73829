namespace AttendanceBlazor.Application.Accounts;

/// <summary>An account as the Users page and `attendance user list` show it.</summary>
public sealed record UserRow(string Id, string Email, IReadOnlyList<string> Roles, bool LockedOut, bool Disabled, string? PersonName, int? PersonId);

/// <summary>
/// What the Users page's dialog saves for an existing account in one go: its roles, a new password (or null to keep
/// it) and the person it is linked to (or null for none).
/// </summary>
public sealed record UserEdit(string UserId, IReadOnlyCollection<string> Roles, string? NewPassword, int? PersonId);
