using System.Text.Json;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using AttendanceBlazor.Web.Api;
using AttendanceBlazor.Web.Attendance;
using AttendanceBlazor.Web.Components.Account;
using AttendanceBlazor.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;

namespace AttendanceBlazor.Web;

public static class WebApplicationExtensions
{
    /// <summary>Identity (cookies for people, API keys for devices), the attendance services and the Blazor components.</summary>
    public static IHostApplicationBuilder AddAttendanceWeb(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddTimeProvider();
        services.AddOptions<AttendanceOptions>()
            .BindConfiguration(AttendanceOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

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
                .RequireClaim(ApiKeyAuthenticationHandler.ScopeClaim, "read-attendance"));

        services.AddIdentityCore<ApplicationUser>(options =>
            {
                // Schema version, password and lockout rules: AddAttendanceData (shared with the CLI).
                options.SignIn.RequireConfirmedAccount = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AttendanceDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddSingleton<IEmailSender<ApplicationUser>, IdentityNoOpEmailSender>();

        // Keys persisted beside the database, so sign-ins survive a restart.
        services.AddDataProtection()
            .SetApplicationName("AttendanceBlazor")
            .PersistKeysToFileSystem(new DirectoryInfo(builder.Configuration["DataProtection:KeysDirectory"]
                ?? Path.Combine(Path.GetDirectoryName(DatabaseOptions.DefaultSqlitePath())!, "keys")));

        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        services.AddProblemDetails();
        services.AddApiRateLimits(builder.Configuration);
        services.AddOpenApi(o => o.DescribeCheckInForm());

        services.AddSingleton<FaceGallery>();
        services.AddSingleton<AttendanceSettings>();
        services.AddSingleton<AttendanceService>();
        services.AddSingleton<People.PeopleService>();
        services.AddSingleton<DeviceService>();
        services.AddSingleton<SettingsService>();
        services.AddSingleton<RecordsService>();
        services.AddSingleton<DashboardService>();
        services.AddSingleton<UserAdminService>();
        services.AddHostedService<StartupInitializer>();
        services.AddHostedService<RoleSeeder>();
        services.AddSingleton<AutoCheckoutService>();
        services.AddHostedService(sp => sp.GetRequiredService<AutoCheckoutService>());
        services.AddSingleton<RetentionService>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionService>());
        services.AddSingleton<FirstRunState>();
        return builder;
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider))) services.AddSingleton(TimeProvider.System);
    }
}
