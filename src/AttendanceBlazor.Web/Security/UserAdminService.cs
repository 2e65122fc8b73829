using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using AttendanceBlazor.Web.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AttendanceBlazor.Web.Security;

public sealed record UserRow(string Id, string Email, IReadOnlyList<string> Roles, bool LockedOut, string? PersonName, int? PersonId);

/// <summary>
/// Accounts and roles for the Users page (Admin). UserManager is scoped, so each operation gets its own scope
/// rather than living as long as the circuit. Every change is audited; the last Admin cannot lose the role.
/// </summary>
public sealed class UserAdminService(IServiceScopeFactory scopes, IDbContextFactory<AttendanceDbContext> dbFactory, TimeProvider time)
{
    public async Task<(int Total, IReadOnlyList<UserRow> Rows)> QueryAsync(string? search, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim().ToUpperInvariant();
            users = users.Where(u => u.NormalizedEmail!.Contains(s));
        }
        var total = await users.CountAsync(cancellationToken);
        var now = time.GetUtcNow();
        var page = await users.OrderBy(u => u.NormalizedEmail).Skip(skip).Take(take)
            .Select(u => new { u.Id, u.Email, u.LockoutEnd }).ToListAsync(cancellationToken);
        var ids = page.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ids.Contains(ur.UserId) select new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var people = await db.People.AsNoTracking().Where(p => p.UserId != null && ids.Contains(p.UserId))
            .Select(p => new { p.UserId, p.Id, p.DisplayName }).ToListAsync(cancellationToken);
        var rows = page.Select(u =>
        {
            var person = people.FirstOrDefault(p => p.UserId == u.Id);
            return new UserRow(u.Id, u.Email ?? "", roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order().ToList(),
                u.LockoutEnd is { } end && end > now, person?.DisplayName, person?.Id);
        }).ToList();
        return (total, rows);
    }

    /// <summary>Creates an account with a first password the Admin passes on; the email counts as confirmed because the Admin vouches for it.</summary>
    public async Task<PeopleResult> CreateAsync(string? email, string? password, IReadOnlyCollection<string> roles, Actor actor)
    {
        if (string.IsNullOrWhiteSpace(email) || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email.Trim()))
        {
            return PeopleResult.Fail("enter a valid email address");
        }
        if (roles.Any(r => !Roles.All.Contains(r))) return PeopleResult.Fail("unknown role");
        using var scope = scopes.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true };
        var created = await users.CreateAsync(user, password ?? "");
        if (!created.Succeeded) return PeopleResult.Fail(string.Join(" ", created.Errors.Select(e => e.Description)));
        if (roles.Count > 0) await users.AddToRolesAsync(user, roles);
        await AuditAsync(actor, user.Id, "user-create", null, new { email = user.Email, roles });
        return PeopleResult.Ok($"created {user.Email}") with { CreatedId = user.Id };
    }

    public async Task<PeopleResult> SetRolesAsync(string userId, IReadOnlyCollection<string> roles, Actor actor)
    {
        if (roles.Any(r => !Roles.All.Contains(r))) return PeopleResult.Fail("unknown role");
        using var scope = scopes.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null) return PeopleResult.Fail("this account no longer exists");
        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Admin) && !roles.Contains(Roles.Admin) && (await users.GetUsersInRoleAsync(Roles.Admin)).Count <= 1)
        {
            return PeopleResult.Fail("this is the last Admin: make someone else Admin first");
        }
        var remove = current.Except(roles).ToList();
        var add = roles.Except(current).ToList();
        if (remove.Count == 0 && add.Count == 0) return PeopleResult.Ok("nothing changed");
        if (remove.Count > 0) await users.RemoveFromRolesAsync(user, remove);
        if (add.Count > 0) await users.AddToRolesAsync(user, add);
        // A new security stamp signs the account out of sessions that still carry the old roles.
        await users.UpdateSecurityStampAsync(user);
        await AuditAsync(actor, userId, "user-roles", new { roles = current.Order() }, new { roles = roles.Order() });
        return PeopleResult.Ok($"{user.Email}: roles are now {(roles.Count == 0 ? "none" : string.Join(", ", roles.Order()))}");
    }

    /// <summary>Sets a new password (the app sends no email, so this is how a forgotten password is replaced).</summary>
    public async Task<PeopleResult> SetPasswordAsync(string userId, string? password, Actor actor)
    {
        using var scope = scopes.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null) return PeopleResult.Fail("this account no longer exists");
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, password ?? "");
        if (!reset.Succeeded) return PeopleResult.Fail(string.Join(" ", reset.Errors.Select(e => e.Description)));
        await AuditAsync(actor, userId, "user-password-set", null, null);
        return PeopleResult.Ok($"{user.Email} has a new password");
    }

    public async Task<PeopleResult> UnlockAsync(string userId, Actor actor)
    {
        using var scope = scopes.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null) return PeopleResult.Fail("this account no longer exists");
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await AuditAsync(actor, userId, "user-unlock", null, null);
        return PeopleResult.Ok($"{user.Email} is unlocked");
    }

    private async Task AuditAsync(Actor actor, string userId, string action, object? before, object? after)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        db.AddAudit(time, actor, "User", userId, action, before, after);
        await db.SaveChangesAsync();
    }
}
