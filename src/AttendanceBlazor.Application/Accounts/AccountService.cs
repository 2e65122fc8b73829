using System.ComponentModel.DataAnnotations;
using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Application.People;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceBlazor.Application.Accounts;

/// <summary>
/// Accounts and roles, for the Users page, first-run setup and the CLI alike. UserManager is scoped, so each
/// operation gets its own scope rather than living as long as a circuit. Every change is audited; the last Admin can
/// neither lose the role nor be disabled or deleted, and nobody disables or deletes their own account.
/// </summary>
public sealed class AccountService(
    IServiceScopeFactory scopes,
    IDbContextFactory<AttendanceDbContext> dbFactory,
    PeopleService people,
    TimeProvider time)
{
    /// <summary>A disabled account is locked out until the end of time; an ordinary lockout ends.</summary>
    public static readonly DateTimeOffset DisabledUntil = DateTimeOffset.MaxValue;

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
        var linked = await db.People.AsNoTracking().Where(p => p.UserId != null && ids.Contains(p.UserId))
            .Select(p => new { p.UserId, p.Id, p.DisplayName }).ToListAsync(cancellationToken);
        var rows = page.Select(u =>
        {
            var person = linked.FirstOrDefault(p => p.UserId == u.Id);
            var disabled = IsDisabled(u.LockoutEnd);
            return new UserRow(u.Id, u.Email ?? "", roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order().ToList(),
                !disabled && u.LockoutEnd is { } end && end > now, disabled, person?.DisplayName, person?.Id);
        }).ToList();
        return (total, rows);
    }

    /// <summary>Every account, by email (the CLI's `user list`).</summary>
    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken cancellationToken = default) =>
        (await QueryAsync(null, 0, int.MaxValue, cancellationToken)).Rows;

    /// <summary>The id of the account with this email, if any.</summary>
    public async Task<string?> FindIdByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        var normalized = email.Trim().ToUpperInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Whether an account exists yet; until one does, the app offers first-run setup.</summary>
    public async Task<bool> AnyAccountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AnyAsync(cancellationToken);
    }

    /// <summary>
    /// Creates an account with a first password the creator passes on; the email counts as confirmed because the
    /// creator vouches for it. The same rules for the Users page, first-run setup and the CLI.
    /// </summary>
    public async Task<OperationResult> CreateAsync(string? email, string? password, IReadOnlyCollection<string> roles, Actor actor, CancellationToken cancellationToken = default)
    {
        email = email?.Trim();
        if (string.IsNullOrEmpty(email) || !new EmailAddressAttribute().IsValid(email)) return OperationResult.Fail(Outcome.InvalidEmail);
        if (roles.Any(r => !Roles.All.Contains(r))) return OperationResult.Fail(Outcome.UnknownRole);
        using var scope = scopes.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
        var created = await users.CreateAsync(user, password ?? "");
        if (!created.Succeeded) return Refused(created, email);
        if (roles.Count > 0)
        {
            var added = await users.AddToRolesAsync(user, roles);
            if (!added.Succeeded)
            {
                await users.DeleteAsync(user);
                return Refused(added, email);
            }
        }
        await AuditAsync(actor, user.Id, AuditActions.UserCreate, null, new { email = user.Email, roles }, null, cancellationToken);
        return OperationResult.Ok(Outcome.UserCreated, email) with { CreatedId = user.Id };
    }

    /// <summary>The first administrator, from first-run setup: refused once any account exists.</summary>
    public async Task<OperationResult> CreateFirstAdminAsync(string? email, string? password, CancellationToken cancellationToken = default)
    {
        // Check and create under one lock: two setup forms posted at once make one admin, and the second hears
        // that setup is done. (The CLI's `admin create` is meant to make further admins, so it does not take this path.)
        await FirstAdminGate.WaitAsync(cancellationToken);
        try
        {
            if (await AnyAccountAsync(cancellationToken)) return OperationResult.Fail(Outcome.SetupDone);
            var created = await CreateAsync(email, password, [Roles.Admin], new Actor(null, "first-run setup"), cancellationToken);
            if (created.Succeeded) await MarkLocalAdminAsync(created.CreatedId!);
            return created;
        }
        finally
        {
            FirstAdminGate.Release();
        }
    }

    private static readonly SemaphoreSlim FirstAdminGate = new(1, 1);

    /// <summary>Marks an administrator made by setup or the CLI: single sign-on never links or changes it, and its password stays.</summary>
    public async Task MarkLocalAdminAsync(string userId)
    {
        using var scope = scopes.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByIdAsync(userId) is { } user) await SingleSignOn.MarkLocalAdminAsync(users, user);
    }

    /// <summary>The Users page's dialog for an existing account: roles, a new password, the linked person, each audited.</summary>
    public async Task<OperationResult> SaveAsync(UserEdit edit, Actor actor, CancellationToken cancellationToken = default)
    {
        var roles = await SetRolesAsync(edit.UserId, edit.Roles, actor, cancellationToken);
        if (!roles.Succeeded) return roles;
        if (!string.IsNullOrEmpty(edit.NewPassword))
        {
            var password = await SetPasswordAsync(edit.UserId, edit.NewPassword, actor, cancellationToken);
            if (!password.Succeeded) return password;
        }
        var linked = await LinkPersonAsync(edit.UserId, edit.PersonId, actor, cancellationToken);
        if (!linked.Succeeded) return linked;
        return OperationResult.Ok(Outcome.UserSaved, roles.Name);
    }

    /// <summary>Links the account to <paramref name="personId"/> (or to nobody), unlinking whoever it was linked to before.</summary>
    public async Task<OperationResult> LinkPersonAsync(string userId, int? personId, Actor actor, CancellationToken cancellationToken = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken)) return OperationResult.Fail(Outcome.AccountNotFound);
            var current = await db.People.Where(p => p.UserId == userId).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken);
            if (current == personId) return OperationResult.Ok(Outcome.NothingChanged);
            if (current is { } old)
            {
                var unlinked = await people.LinkAccountAsync(old, null, actor, cancellationToken);
                if (!unlinked.Succeeded || personId is null) return unlinked;
            }
        }
        return await people.LinkAccountAsync(personId!.Value, userId, actor, cancellationToken);
    }

    public async Task<OperationResult> SetRolesAsync(string userId, IReadOnlyCollection<string> roles, Actor actor, CancellationToken cancellationToken = default)
    {
        if (roles.Any(r => !Roles.All.Contains(r))) return OperationResult.Fail(Outcome.UnknownRole);
        using var scope = scopes.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null) return OperationResult.Fail(Outcome.AccountNotFound);
        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Admin) && !roles.Contains(Roles.Admin) && await IsLastAdminAsync(users, user))
        {
            return OperationResult.Fail(Outcome.LastAdmin, user.Email);
        }
        var remove = current.Except(roles).ToList();
        var add = roles.Except(current).ToList();
        if (remove.Count == 0 && add.Count == 0) return OperationResult.Ok(Outcome.NothingChanged, user.Email);
        if (remove.Count > 0) await users.RemoveFromRolesAsync(user, remove);
        if (add.Count > 0) await users.AddToRolesAsync(user, add);
        // A new security stamp signs the account out of sessions that still carry the old roles.
        await users.UpdateSecurityStampAsync(user);
        await AuditAsync(actor, userId, AuditActions.UserRoles, new { roles = current.Order() }, new { roles = roles.Order() }, null, cancellationToken);
        return OperationResult.Ok(Outcome.RolesChanged, user.Email) with { OtherName = string.Join(", ", roles.Order()) };
    }

    /// <summary>Sets a new password (the app sends no email, so this is how a forgotten password is replaced).</summary>
    public async Task<OperationResult> SetPasswordAsync(string userId, string? password, Actor actor, CancellationToken cancellationToken = default)
    {
        using var scope = scopes.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null) return OperationResult.Fail(Outcome.AccountNotFound);
        // Checked against the password rules first, so the old password is only removed when the new one will do.
        foreach (var validator in users.PasswordValidators)
        {
            var valid = await validator.ValidateAsync(users, user, password ?? "");
            if (!valid.Succeeded) return Refused(valid, user.Email);
        }
        await users.RemovePasswordAsync(user);
        var added = await users.AddPasswordAsync(user, password!);
        if (!added.Succeeded) return Refused(added, user.Email);
        await AuditAsync(actor, userId, AuditActions.UserPasswordSet, null, null, null, cancellationToken);
        return OperationResult.Ok(Outcome.PasswordSet, user.Email);
    }

    public async Task<OperationResult> UnlockAsync(string userId, Actor actor, CancellationToken cancellationToken = default)
    {
        using var scope = scopes.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null) return OperationResult.Fail(Outcome.AccountNotFound);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await AuditAsync(actor, userId, AuditActions.UserUnlock, null, null, null, cancellationToken);
        return OperationResult.Ok(Outcome.UserUnlocked, user.Email);
    }

    /// <summary>Disables an account (it can no longer sign in, and its sessions end) or enables it again.</summary>
    public async Task<OperationResult> SetDisabledAsync(string userId, bool disabled, Actor actor, CancellationToken cancellationToken = default)
    {
        using var scope = scopes.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null) return OperationResult.Fail(Outcome.AccountNotFound);
        if (disabled)
        {
            if (userId == actor.UserId) return OperationResult.Fail(Outcome.OwnAccount, user.Email);
            if (await users.IsInRoleAsync(user, Roles.Admin) && await IsLastAdminAsync(users, user)) return OperationResult.Fail(Outcome.LastAdmin, user.Email);
            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, DisabledUntil);
        }
        else
        {
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
        }
        await users.UpdateSecurityStampAsync(user);
        await AuditAsync(actor, userId, disabled ? AuditActions.UserDisable : AuditActions.UserEnable, null, null, null, cancellationToken);
        return OperationResult.Ok(disabled ? Outcome.UserDisabled : Outcome.UserEnabled, user.Email);
    }

    /// <summary>
    /// Deletes an account. The person linked to it keeps their attendance data (unlinked), or, with
    /// <paramref name="erasePerson"/>, is erased as the People page erases (face data and records, as settings say).
    /// </summary>
    public async Task<OperationResult> DeleteAsync(string userId, bool erasePerson, string? reason, Actor actor, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return OperationResult.Fail(Outcome.ReasonRequired);
        using var scope = scopes.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null) return OperationResult.Fail(Outcome.AccountNotFound);
        if (userId == actor.UserId) return OperationResult.Fail(Outcome.OwnAccount, user.Email);
        if (await users.IsInRoleAsync(user, Roles.Admin) && await IsLastAdminAsync(users, user)) return OperationResult.Fail(Outcome.LastAdmin, user.Email);
        int? personId;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            personId = await db.People.Where(p => p.UserId == userId).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken);
        }
        if (erasePerson && personId is { } id)
        {
            var erased = await people.EraseAsync(id, actor, reason, cancellationToken);
            if (!erased.Succeeded) return erased;
        }
        var deleted = await users.DeleteAsync(user);
        if (!deleted.Succeeded) return Refused(deleted, user.Email);
        await AuditAsync(actor, userId, AuditActions.UserDelete, new { email = user.Email }, new { person_erased = erasePerson && personId is not null }, reason, cancellationToken);
        return OperationResult.Ok(Outcome.UserDeleted, user.Email);
    }

    /// <summary>Whether <paramref name="user"/> is the only Admin who can still sign in.</summary>
    private static async Task<bool> IsLastAdminAsync(UserManager<ApplicationUser> users, ApplicationUser user) =>
        !(await users.GetUsersInRoleAsync(Roles.Admin)).Any(a => a.Id != user.Id && !IsDisabled(a.LockoutEnd));

    private static bool IsDisabled(DateTimeOffset? lockoutEnd) => lockoutEnd is { } end && end.Year >= DisabledUntil.Year;

    private static OperationResult Refused(IdentityResult result, string? email) =>
        OperationResult.Fail(Outcome.AccountRefused, email) with { Detail = string.Join(" ", result.Errors.Select(e => e.Description)) };

    private async Task AuditAsync(Actor actor, string userId, string action, object? before, object? after, string? reason, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.AddAudit(time, actor, AuditEntities.User, userId, action, before, after, reason);
        await db.SaveChangesAsync(cancellationToken);
    }
}
