using System.Security.Claims;
using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Application.Accounts;

/// <summary>"Authentication:Oidc": single sign-on with an OpenID Connect provider (off until Authority is set).</summary>
public sealed class SsoOptions
{
    public const string Section = "Authentication:Oidc";

    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The provider's name on the sign-in button: "Sign in with {DisplayName}".</summary>
    public string DisplayName { get; set; } = "single sign-on";

    /// <summary>The claim whose values say the roles ("roles" in Entra ID's app roles, "groups" or a mapper's name in Keycloak).</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>A claim value to a role: {"attendance-hr": "HR", "attendance-admin": "Admin"}; the Kiosk role cannot be mapped.</summary>
    public Dictionary<string, string> Roles { get; set; } = [];

    /// <summary>A first sign-in that matches no account creates one (as an Employee unless a role is mapped).</summary>
    public bool AllowNewUsers { get; set; }

    /// <summary>The sign-in page offers only the provider; local administrators still sign in at /Account/Login?local=true.</summary>
    public bool Only { get; set; }

    /// <summary>
    /// Scopes asked for: offline_access brings a refresh token (Entra ID gives none without it), with which the
    /// app keeps asking the provider, after the access token expires, whether the person still exists.
    /// </summary>
    public string Scopes { get; set; } = "openid profile email offline_access";

    /// <summary>The provider's metadata over HTTPS only (true outside tests).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    public IEnumerable<string> Problems()
    {
        if (!Enabled) yield break;
        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) yield return "Authentication:Oidc:Authority must be the provider's absolute address (https://login.example.com/realms/company).";
        if (string.IsNullOrWhiteSpace(ClientId)) yield return "Authentication:Oidc:ClientId is required with an Authority.";
        if (string.IsNullOrWhiteSpace(RoleClaim)) yield return "Authentication:Oidc:RoleClaim must name a claim.";
        foreach (var (value, role) in Roles)
        {
            if (role == Accounts.Roles.Kiosk) yield return $"Authentication:Oidc:Roles:{value} maps to Kiosk, which a provider cannot grant: kiosks are paired on the Devices page.";
            else if (!Accounts.Roles.All.Contains(role)) yield return $"Authentication:Oidc:Roles:{value} maps to '{role}', which is not one of Admin, HR, Employee.";
        }
    }
}

/// <summary>Who the provider says signed in: its stable subject, the e-mail and whether it vouches for it (null: it sent no such claim), the role claim's values.</summary>
public sealed record SsoIdentity(string Subject, string? Email, bool? EmailVerified, IReadOnlyList<string> RoleValues, SsoTokens? Tokens = null);

/// <summary>What the provider gave at sign-in, kept to ask it later whether the person still exists.</summary>
public sealed record SsoTokens(string AccessToken, string? RefreshToken, DateTimeOffset? ExpiresAt);

/// <summary>
/// Single sign-on's rules, apart from the protocol (the web host runs OpenID Connect and hands over what the provider
/// said). A first sign-in links to an account only by an e-mail address the provider marks verified, or by the subject
/// an Admin linked once (providers that send no email_verified, such as Entra ID); never by an unverified address.
/// Otherwise it creates an account if allowed. Roles come from the claim at every sign-in. A linked account loses its
/// local password, so the provider alone decides who gets in; administrators made with `attendance admin create` or
/// first-run setup are never linked or changed (the way in when the provider is down).
/// </summary>
public sealed class SingleSignOn(IServiceScopeFactory scopes, IDbContextFactory<AttendanceDbContext> dbFactory, IOptions<SsoOptions> options, TimeProvider time)
{
    /// <summary>Identity's login provider name for the provider's subjects (AspNetUserLogins).</summary>
    public const string LoginProvider = "oidc";

    /// <summary>A claim on administrators made by the CLI or setup: single sign-on never touches them.</summary>
    public const string LocalAdminClaim = "attendance:local-admin";

    /// <summary>Decides the account for a provider's sign-in; on success <see cref="OperationResult.CreatedId"/> is its id.</summary>
    public async Task<OperationResult> SignInAsync(SsoIdentity identity, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        using var scope = scopes.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var actor = new Actor(null, "single sign-on");
        var user = await users.FindByLoginAsync(LoginProvider, identity.Subject);
        var how = "subject";
        if (user is null)
        {
            var email = identity.Email?.Trim();
            var byEmail = string.IsNullOrEmpty(email) ? null : await users.FindByEmailAsync(email);
            if (byEmail is not null && identity.EmailVerified == true)
            {
                if (await IsLocalAdminAsync(users, byEmail)) return OperationResult.Fail(Outcome.SsoLocalAdmin, byEmail.Email);
                // Already linked to another subject (an address handed on, a person re-created at the provider): the
                // new subject does not inherit the account; an Admin decides (link-sso).
                if ((await users.GetLoginsAsync(byEmail)).Any(l => l.LoginProvider == LoginProvider)) return OperationResult.Fail(Outcome.SsoNotLinked, email) with { Detail = identity.Subject };
                var linked = await users.AddLoginAsync(byEmail, new UserLoginInfo(LoginProvider, identity.Subject, o.DisplayName));
                if (!linked.Succeeded) return OperationResult.Fail(Outcome.SsoNotLinked, email);
                user = byEmail;
                how = "verified e-mail";
                await AuditAsync(actor, user.Id, AuditActions.SsoLink, new { subject = identity.Subject, by = how }, cancellationToken);
            }
            else if (byEmail is not null)
            {
                // An address the provider does not vouch for could be anyone's: an Admin links the subject once.
                return OperationResult.Fail(Outcome.SsoNotLinked, email) with { Detail = identity.Subject };
            }
            else if (o.AllowNewUsers && !string.IsNullOrEmpty(email) && identity.EmailVerified != false)
            {
                user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = identity.EmailVerified == true };
                var created = await users.CreateAsync(user);
                if (!created.Succeeded) return OperationResult.Fail(Outcome.AccountRefused, email) with { Detail = string.Join(" ", created.Errors.Select(e => e.Description)) };
                await users.AddLoginAsync(user, new UserLoginInfo(LoginProvider, identity.Subject, o.DisplayName));
                how = "created";
                await AuditAsync(actor, user.Id, AuditActions.UserCreate, new { email, single_sign_on = true }, cancellationToken);
            }
            else
            {
                return OperationResult.Fail(Outcome.SsoNoAccount, email) with { Detail = identity.Subject };
            }
        }
        if (await IsLocalAdminAsync(users, user)) return OperationResult.Fail(Outcome.SsoLocalAdmin, user.Email);
        if (user.LockoutEnd is { } end && end.Year >= AccountService.DisabledUntil.Year) return OperationResult.Fail(Outcome.SsoAccountDisabled, user.Email);

        // The provider decides: no local password to fall back on once the provider removes the person.
        if (await users.HasPasswordAsync(user)) await users.RemovePasswordAsync(user);
        foreach (var passkey in await users.GetPasskeysAsync(user)) await users.RemovePasskeyAsync(user, passkey.CredentialId);
        await SetRolesAsync(users, user, identity.RoleValues, actor, cancellationToken);
        if (identity.Tokens is { } tokens) await StoreTokensAsync(users, user, tokens);
        return OperationResult.Ok(Outcome.SsoSignedIn, user.Email) with { CreatedId = user.Id, Detail = how };
    }

    /// <summary>An Admin links an account to the provider's subject (for providers that do not vouch for e-mail addresses).</summary>
    public async Task<OperationResult> LinkSubjectAsync(string? email, string? subject, Actor actor, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(subject)) return OperationResult.Fail(Outcome.SsoSubjectRequired);
        using var scope = scopes.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        if (user is null) return OperationResult.Fail(Outcome.AccountNotFound, email);
        if (await IsLocalAdminAsync(users, user)) return OperationResult.Fail(Outcome.SsoLocalAdmin, user.Email);
        if (await users.FindByLoginAsync(LoginProvider, subject.Trim()) is { } taken && taken.Id != user.Id) return OperationResult.Fail(Outcome.SsoSubjectTaken, taken.Email);
        foreach (var login in (await users.GetLoginsAsync(user)).Where(l => l.LoginProvider == LoginProvider)) await users.RemoveLoginAsync(user, login.LoginProvider, login.ProviderKey);
        var added = await users.AddLoginAsync(user, new UserLoginInfo(LoginProvider, subject.Trim(), options.Value.DisplayName));
        if (!added.Succeeded) return OperationResult.Fail(Outcome.AccountRefused, user.Email) with { Detail = string.Join(" ", added.Errors.Select(e => e.Description)) };
        await AuditAsync(actor, user.Id, AuditActions.SsoLink, new { subject = subject.Trim(), by = "admin" }, cancellationToken);
        return OperationResult.Ok(Outcome.SsoLinked, user.Email);
    }

    /// <summary>The tokens kept from the last sign-in or refresh, for asking the provider whether the person still exists.</summary>
    public async Task<SsoTokens?> TokensAsync(string userId)
    {
        using var scope = scopes.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByIdAsync(userId) is not { } user) return null;
        if (await users.GetAuthenticationTokenAsync(user, LoginProvider, "access_token") is not { } access) return null;
        var expires = await users.GetAuthenticationTokenAsync(user, LoginProvider, "expires_at") is { } e
            && DateTimeOffset.TryParse(e, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at) ? at : (DateTimeOffset?)null;
        return new SsoTokens(access, await users.GetAuthenticationTokenAsync(user, LoginProvider, "refresh_token"), expires);
    }

    /// <summary>Keeps new tokens (after a refresh); a refresh token the provider did not renew stays.</summary>
    public async Task StoreTokensAsync(string userId, SsoTokens tokens)
    {
        using var scope = scopes.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByIdAsync(userId) is { } user) await StoreTokensAsync(users, user, tokens);
    }

    private static async Task StoreTokensAsync(UserManager<ApplicationUser> users, ApplicationUser user, SsoTokens tokens)
    {
        await users.SetAuthenticationTokenAsync(user, LoginProvider, "access_token", tokens.AccessToken);
        if (tokens.RefreshToken is { } refresh) await users.SetAuthenticationTokenAsync(user, LoginProvider, "refresh_token", refresh);
        if (tokens.ExpiresAt is { } at) await users.SetAuthenticationTokenAsync(user, LoginProvider, "expires_at", at.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        else await users.RemoveAuthenticationTokenAsync(user, LoginProvider, "expires_at");
    }

    public static async Task MarkLocalAdminAsync(UserManager<ApplicationUser> users, ApplicationUser user) =>
        await users.AddClaimAsync(user, new Claim(LocalAdminClaim, "true"));

    private static async Task<bool> IsLocalAdminAsync(UserManager<ApplicationUser> users, ApplicationUser user) =>
        (await users.GetClaimsAsync(user)).Any(c => c.Type == LocalAdminClaim);

    private async Task SetRolesAsync(UserManager<ApplicationUser> users, ApplicationUser user, IReadOnlyList<string> values, Actor actor, CancellationToken ct)
    {
        var map = options.Value.Roles;
        var wanted = values.Select(v => map.GetValueOrDefault(v)).OfType<string>().Where(r => r != Roles.Kiosk && Roles.All.Contains(r)).Distinct().ToList();
        if (wanted.Count == 0) wanted = [Roles.Employee];
        var current = (await users.GetRolesAsync(user)).ToList();
        var remove = current.Except(wanted).ToList();
        var add = wanted.Except(current).ToList();
        if (remove.Count == 0 && add.Count == 0) return;
        if (remove.Count > 0) await users.RemoveFromRolesAsync(user, remove);
        if (add.Count > 0) await users.AddToRolesAsync(user, add);
        // Open pages and cookies elsewhere pick the change up within a minute, as for a change on the Users page.
        await users.UpdateSecurityStampAsync(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AddAudit(time, actor, AuditEntities.User, user.Id, AuditActions.UserRoles, new { roles = current.Order() }, new { roles = wanted.Order(), from = "single sign-on" });
        await db.SaveChangesAsync(ct);
    }

    private async Task AuditAsync(Actor actor, string userId, string action, object after, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AddAudit(time, actor, AuditEntities.User, userId, action, null, after);
        await db.SaveChangesAsync(ct);
    }
}
