using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using AttendanceBlazor.Application.Accounts;
using AttendanceBlazor.Data.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Web.Security;

/// <summary>
/// Single sign-on with OpenID Connect (authorization code flow with PKCE), when Authentication:Oidc:Authority is set.
/// The protocol is ASP.NET Core's handler; who gets which account is <see cref="SingleSignOn"/>'s (the application
/// layer). docs/integrations.md says how to register the app at Entra ID and Keycloak.
/// </summary>
public static class SingleSignOnSetup
{
    public const string CallbackPath = "/signin-oidc";

    public static IServiceCollection AddAttendanceSingleSignOn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ProviderCheck>();
        var sso = configuration.GetSection(SsoOptions.Section).Get<SsoOptions>() ?? new SsoOptions();
        if (!sso.Enabled) return services;
        services.AddAuthentication().AddOpenIdConnect(SingleSignOn.LoginProvider, sso.DisplayName, o =>
        {
            o.Authority = sso.Authority;
            o.ClientId = sso.ClientId;
            o.ClientSecret = sso.ClientSecret;
            o.ResponseType = "code";
            o.UsePkce = true;
            o.Scope.Clear();
            foreach (var scope in sso.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries)) o.Scope.Add(scope);
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.CallbackPath = CallbackPath;
            o.SaveTokens = true;
            o.MapInboundClaims = false;
            o.RequireHttpsMetadata = sso.RequireHttpsMetadata;
            o.GetClaimsFromUserInfoEndpoint = false;
            o.TokenValidationParameters.NameClaimType = "name";
            o.TokenValidationParameters.RoleClaimType = sso.RoleClaim;
            if (sso.Authority!.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            {
                // A provider over plain HTTP exists only in development and the tests (RequireHttpsMetadata=false):
                // there the browser drops the handler's Secure, SameSite=None cookies, so they go Lax and unsecured.
                // Over HTTPS the defaults stand (SameSite=None and Secure, for a provider on another site).
                foreach (var cookie in new[] { o.CorrelationCookie, o.NonceCookie })
                {
                    cookie.SameSite = SameSiteMode.Lax;
                    cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
                }
            }
            o.Events.OnRemoteFailure = context =>
            {
                // The provider said no, or the answer did not hold: back to the sign-in page with a sentence, not an exception page.
                context.Response.Redirect("/Account/Login?sso=failed");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
        return services;
    }

    public static IEndpointRouteBuilder MapSingleSignOnEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Without a provider the routes do not exist at all (404, like the template's other external-login routes).
        if (!endpoints.ServiceProvider.GetRequiredService<IOptions<SsoOptions>>().Value.Enabled) return endpoints;
        var account = endpoints.MapGroup("/Account");
        // A form post (antiforgery-checked), never a link: a page elsewhere cannot start a sign-in in someone's browser.
        account.MapPost("/PerformExternalLogin", ([FromForm] string? returnUrl) =>
        {
            var back = LocalOnly(returnUrl);
            var properties = new AuthenticationProperties { RedirectUri = $"/Account/ExternalLoginCallback?returnUrl={Uri.EscapeDataString(back)}" };
            return Results.Challenge(properties, [SingleSignOn.LoginProvider]);
        });
        account.MapGet("/ExternalLoginCallback", async (HttpContext http, SingleSignOn sso, IOptions<SsoOptions> options, UserManager<ApplicationUser> users,
            SignInManager<ApplicationUser> signIn, ILogger<SingleSignOn> logger, string? returnUrl) =>
        {
            var external = await http.AuthenticateAsync(IdentityConstants.ExternalScheme);
            await http.SignOutAsync(IdentityConstants.ExternalScheme);
            if (!external.Succeeded || external.Principal?.FindFirstValue("sub") is not { Length: > 0 } subject) return Results.Redirect("/Account/Login?sso=failed");
            var principal = external.Principal;
            var verified = principal.FindFirstValue("email_verified") is { } v ? string.Equals(v, "true", StringComparison.OrdinalIgnoreCase) : (bool?)null;
            var roles = principal.FindAll(options.Value.RoleClaim).Select(c => c.Value).ToList();
            var tokens = external.Properties?.GetTokenValue("access_token") is { } access
                ? new SsoTokens(access, external.Properties.GetTokenValue("refresh_token"),
                    DateTimeOffset.TryParse(external.Properties.GetTokenValue("expires_at"), System.Globalization.CultureInfo.InvariantCulture,
                        System.Globalization.DateTimeStyles.RoundtripKind, out var expires) ? expires : null)
                : null;
            var outcome = await sso.SignInAsync(new SsoIdentity(subject, principal.FindFirstValue("email"), verified, roles, tokens), http.RequestAborted);
            if (!outcome.Succeeded)
            {
                logger.LogWarning("Single sign-on refused for subject {Subject}: {Outcome}", subject, outcome.Outcome);
                // The subject goes along when an Admin must link it: the person can hand it over (it is their own id at the provider for this app).
                var reference = outcome.Outcome is AttendanceBlazor.Application.Outcome.SsoNotLinked or AttendanceBlazor.Application.Outcome.SsoNoAccount
                    ? "&subject=" + Uri.EscapeDataString(subject) : "";
                return Results.Redirect($"/Account/Login?sso={outcome.Outcome}{reference}");
            }
            var user = await users.FindByIdAsync(outcome.CreatedId!);
            if (user is null) return Results.Redirect("/Account/Login?sso=failed");
            await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: SingleSignOn.LoginProvider);
            return Results.LocalRedirect("~" + LocalOnly(returnUrl));
        });
        return endpoints;
    }

    private static string LocalOnly(string? returnUrl) =>
        returnUrl is { Length: > 0 } r && r.StartsWith('/') && !r.StartsWith("//", StringComparison.Ordinal) && !r.StartsWith("/\\", StringComparison.Ordinal) ? r : "/";
}

/// <summary>
/// Asks the identity provider whether a person it signed in still exists. While the access token kept at sign-in is
/// valid: its userinfo endpoint (401/403 ends the session). Once it has expired: a refresh with the kept refresh
/// token, which a provider refuses (invalid_grant) for a removed or disabled person, and whose new tokens are kept.
/// An unreachable provider ends nothing (an outage must not sign everyone out). Called every minute for each cookie
/// and each open page (security stamp and circuit revalidation).
/// </summary>
public sealed class ProviderCheck(IServiceProvider services, SingleSignOn sso, IOptions<SsoOptions> options, TimeProvider time, ILogger<ProviderCheck> logger)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public async Task<bool> StillKnownAsync(ApplicationUser user, CancellationToken ct = default)
    {
        if (!options.Value.Enabled) return true;
        if (await sso.TokensAsync(user.Id) is not { } tokens) return true;
        try
        {
            var oidc = services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(SingleSignOn.LoginProvider);
            var configuration = await oidc.ConfigurationManager!.GetConfigurationAsync(ct);
            var now = time.GetUtcNow();
            if (tokens.ExpiresAt is { } expires && expires <= now.AddSeconds(30))
            {
                return tokens.RefreshToken is null || await RefreshAsync(user, tokens.RefreshToken, configuration.TokenEndpoint, now, ct);
            }
            if (string.IsNullOrEmpty(configuration.UserInfoEndpoint)) return true;
            using var request = new HttpRequestMessage(HttpMethod.Get, configuration.UserInfoEndpoint);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
            using var response = await Http.SendAsync(request, ct);
            return response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException or System.Text.Json.JsonException)
        {
            logger.LogWarning(ex, "The identity provider could not be asked about user {UserId}; the session goes on", user.Id);
            return true;
        }
    }

    private async Task<bool> RefreshAsync(ApplicationUser user, string refreshToken, string tokenEndpoint, DateTimeOffset now, CancellationToken ct)
    {
        var o = options.Value;
        var form = new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["client_id"] = o.ClientId! };
        if (!string.IsNullOrEmpty(o.ClientSecret)) form["client_secret"] = o.ClientSecret;
        using var response = await Http.PostAsync(tokenEndpoint, new FormUrlEncodedContent(form), ct);
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized)
        {
            // invalid_grant: the provider no longer honours the person's grant (removed, disabled, signed out everywhere).
            logger.LogInformation("The identity provider refused to refresh user {UserId}'s sign-in ({Status}); the session ends", user.Id, (int)response.StatusCode);
            return false;
        }
        if (!response.IsSuccessStatusCode) return true;
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var root = json.RootElement;
        var access = root.GetProperty("access_token").GetString()!;
        var refreshed = root.TryGetProperty("refresh_token", out var r) ? r.GetString() : null;
        DateTimeOffset? expires = root.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds) ? now.AddSeconds(seconds) : null;
        await sso.StoreTokensAsync(user.Id, new SsoTokens(access, refreshed, expires));
        return true;
    }
}

/// <summary>Identity's once-a-minute cookie check, plus the provider's word for accounts it signed in.</summary>
public sealed class SsoAwareSecurityStampValidator(IOptions<SecurityStampValidatorOptions> options, SignInManager<ApplicationUser> signInManager,
    ILoggerFactory logger, ProviderCheck provider) : SecurityStampValidator<ApplicationUser>(options, signInManager, logger)
{
    protected override async Task<ApplicationUser?> VerifySecurityStamp(ClaimsPrincipal? principal)
    {
        var user = await base.VerifySecurityStamp(principal);
        return user is not null && await provider.StillKnownAsync(user) ? user : null;
    }
}

/// <summary>
/// Identity's sign-in with the product's rule for local credentials (password, passkey): an account linked to the
/// identity provider has none (the provider alone lets it in), and with Authentication:Oidc:Only only local
/// administrators sign in locally. Single sign-on itself signs in directly, after SingleSignOn decided.
/// </summary>
public sealed class AttendanceSignInManager(UserManager<ApplicationUser> userManager, IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory, IOptions<IdentityOptions> optionsAccessor, ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes, IUserConfirmation<ApplicationUser> confirmation, IOptions<SsoOptions> sso)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(ApplicationUser user)
    {
        if (!await base.CanSignInAsync(user)) return false;
        if (!sso.Value.Enabled) return true;
        if ((await UserManager.GetLoginsAsync(user)).Any(l => l.LoginProvider == SingleSignOn.LoginProvider)) return false;
        return !sso.Value.Only || (await UserManager.GetClaimsAsync(user)).Any(c => c.Type == SingleSignOn.LocalAdminClaim);
    }
}
