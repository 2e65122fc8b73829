namespace AttendanceBlazor.Application.Accounts;

/// <summary>An account as the Users page and `attendance user list` show it.</summary>
public sealed record UserRow(string Id, string Email, IReadOnlyList<string> Roles, bool LockedOut, bool Disabled, string? PersonName, int? PersonId);
