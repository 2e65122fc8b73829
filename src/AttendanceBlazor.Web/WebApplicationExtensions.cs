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
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
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
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.ApiCheckIn, p => p
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireClaim(ApiKeyAuthenticationHandler.ScopeClaim, "check-in"))
            .AddPolicy(Policies.ApiReadAttendance, p => p
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireClaim(ApiKeyAuthenticationHandler.ScopeClaim, "read-attendance"))
            .AddPolicy(Policies.ManageOwnAccount, p => p
                .RequireAuthenticatedUser()
                .RequireAssertion(c => !c.User.IsInRole(Roles.Kiosk)));

        // Users, roles and their stores come from the application layer; the web adds sign-in and its tokens.
        // Password and lockout rules: AddAttendanceData (shared with the CLI).
        services.Configure<IdentityOptions>(options => options.SignIn.RequireConfirmedAccount = true);
        new IdentityBuilder(typeof(ApplicationUser), typeof(IdentityRole), services)
            .AddSignInManager()
            .AddDefaultTokenProviders();

        // Keys persisted beside the database, so sign-ins survive a restart.
        services.AddDataProtection()
            .SetApplicationName("AttendanceBlazor")
            .PersistKeysToFileSystem(new DirectoryInfo(builder.Configuration["DataProtection:KeysDirectory"]
                ?? Path.Combine(Path.GetDirectoryName(DatabaseOptions.DefaultSqlitePath())!, "keys")));

        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        services.AddProblemDetails();
        services.AddApiRateLimits(builder.Configuration);
        services.AddOpenApi(o => o.DescribeCheckInForm());

        services.AddHostedService<StartupRunner>();
        services.AddHostedService<PeriodicJobRunner<AutoCheckout>>();
        services.AddHostedService<PeriodicJobRunner<Retention>>();
        services.AddSingleton<FirstRunState>();
        return builder;
    }
}
