using System.Text.Json;
using AttendanceBlazor.Application.Accounts;
using AttendanceBlazor.Application.Jobs;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using AttendanceBlazor.Web.Api;
using AttendanceBlazor.Web.Components.Account;
using AttendanceBlazor.Web.Hosting;
using AttendanceBlazor.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using AttendanceBlazor.Web.Localization;
using MudBlazor.Services;

namespace AttendanceBlazor.Web;

public static class WebApplicationExtensions
{
    /// <summary>
    /// The web host on top of the application layer (AddAttendanceApplication): sign-in (cookies for people, API keys
    /// for devices), the Blazor components, the REST API's plumbing, and the schedule of the application's jobs.
    /// </summary>
    public static IHostApplicationBuilder AddAttendanceWeb(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        // A benchmark's switch: in Production a recording must never pass a camera's challenge twice.
        services.AddOptions<Application.Settings.AttendanceOptions>()
            .Validate(o => o.LivenessRefuseReplays || !builder.Environment.IsProduction(),
                "Attendance:LivenessRefuseReplays = false is for benchmarks only; the app does not start with it in Production.");
        services.AddRazorComponents().AddInteractiveServerComponents();
        // Messages at the bottom: at the top right they covered the page's own buttons (People: Register with a PIN).
        services.AddMudServices(c => c.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomCenter);
        services.AddAttendanceLocalization();
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddHttpContextAccessor();
        services.AddScoped<ClientAddress>();
        services.AddScoped<KioskExitCheck>();
        services.AddAttendanceHealthChecks();
        services.AddAttendanceTelemetry(builder.Configuration);
        services.AddScoped<Components.Personal.PersonalCheckInEvents>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, ClientAddressCircuitHandler>();
        services.AddSingleton<CircuitLimits>();
        services.AddScoped<CircuitPresence>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, CircuitPresenceHandler>();

        // People sign in with Identity's cookie; a kiosk paired by a code is a device (KioskDeviceAuthentication), and
        // the default scheme picks between them per request. Challenges always lead to the sign-in page.
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = KioskDeviceAuthenticationHandler.SelectorScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddAuthentication()
            .AddPolicyScheme(KioskDeviceAuthenticationHandler.SelectorScheme, "An account, or a paired kiosk", KioskDeviceAuthenticationHandler.Select)
            .AddScheme<AuthenticationSchemeOptions, KioskDeviceAuthenticationHandler>(KioskDeviceAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAttendanceSingleSignOn(builder.Configuration);

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.ApiCheckIn, p => p
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireClaim(ApiKeyAuthenticationHandler.ScopeClaim, "check-in"))
            .AddPolicy(Policies.ApiReadAttendance, p => p
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireClaim(ApiKeyAuthenticationHandler.ScopeClaim, "read-attendance"))
            .AddPolicy(Policies.ApiReadTimesheets, p => p
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireClaim(ApiKeyAuthenticationHandler.ScopeClaim, "read-timesheets"))
            .AddPolicy(Policies.ManageOwnAccount, p => p
                .RequireAuthenticatedUser()
                .RequireAssertion(c => !c.User.IsInRole(Roles.Kiosk)));

        // Users, roles and their stores come from the application layer; the web adds sign-in and its tokens.
        // Password and lockout rules: AddAttendanceData (shared with the CLI).
        services.Configure<IdentityOptions>(options => options.SignIn.RequireConfirmedAccount = true);
        new IdentityBuilder(typeof(ApplicationUser), typeof(IdentityRole), services)
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddSignInManager<AttendanceSignInManager>()
            .AddDefaultTokenProviders();

        // Data Protection keys (sign-in cookies, webhook secrets) are set up by AddAttendanceData: the CLI reads the
        // same key ring; StartupRunner warns when no certificate encrypts it.

        // Proxies, HTTPS and cookies (docs/security.md): forwarded headers only from configured proxies; cookies
        // Secure whenever the request is HTTPS (directly or as a known proxy forwards it), always when HTTPS is required.
        var security = builder.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        services.AddOptions<SecurityOptions>().Bind(builder.Configuration.GetSection(SecurityOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in security.KnownProxies) o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            foreach (var network in security.KnownNetworks) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        var cookiePolicy = security.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.ConfigureApplicationCookie(o => o.Cookie.SecurePolicy = cookiePolicy);
        services.ConfigureExternalCookie(o => o.Cookie.SecurePolicy = cookiePolicy);
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, o => o.Cookie.SecurePolicy = cookiePolicy);
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o => o.Cookie.SecurePolicy = cookiePolicy);
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = cookiePolicy);
        services.AddHsts(o =>
        {
            o.MaxAge = security.HstsMaxAge;
            o.IncludeSubDomains = false;
        });

        // Role changes and disabled accounts reach cookies and open pages within a minute (the default is 30).
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        // ...and, for accounts signed in through the identity provider, the provider is asked too (ProviderCheck).
        services.AddScoped<ISecurityStampValidator, SsoAwareSecurityStampValidator>();

        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        services.AddProblemDetails();
        services.AddApiRateLimits(builder.Configuration);
        services.AddOpenApi(o => o.DescribeCheckInForm());

        services.AddHostedService<StartupRunner>();
        services.AddSingleton<FaceIndexFollower>();
        services.AddHostedService(sp => sp.GetRequiredService<FaceIndexFollower>());
        services.AddHostedService<PeriodicJobRunner<AutoCheckout>>();
        services.AddHostedService<PeriodicJobRunner<Retention>>();
        services.AddHostedService<WebhookSender>();
        services.AddHostedService<EmailSender>();
        services.AddSingleton<FirstRunState>();
        return builder;
    }

    /// <summary>
    /// Reads X-Forwarded-For and X-Forwarded-Proto from the proxies named in Security:KnownProxies or KnownNetworks,
    /// and from nobody when none is named (the middleware itself would believe anyone with empty lists).
    /// </summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        var security = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityOptions>>().Value;
        if (security.KnownProxies.Length > 0 || security.KnownNetworks.Length > 0) app.UseForwardedHeaders();
        return app;
    }

    /// <summary>DataProtection:Store = Database or Folder; unset, the database when it is a server (PostgreSQL, SQL Server).</summary>
    public static bool KeysInDatabase(IConfiguration configuration) => DataProtectionSetup.KeysInDatabase(configuration);
}
