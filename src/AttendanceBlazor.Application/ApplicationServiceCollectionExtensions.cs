using Microsoft.Extensions.Options;
using AttendanceBlazor.Application.Accounts;
using AttendanceBlazor.Application.CheckIn;
using AttendanceBlazor.Application.Dashboard;
using AttendanceBlazor.Application.Devices;
using AttendanceBlazor.Application.Faces;
using AttendanceBlazor.Application.Jobs;
using AttendanceBlazor.Application.People;
using AttendanceBlazor.Application.Records;
using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using AttendanceBlazor.Recognition;
using AttendanceBlazor.Recognition.Pipeline;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace AttendanceBlazor.Application;

public static class ApplicationServiceCollectionExtensions
{
    /// <summary>
    /// The application layer both hosts share: the database, the recognition engine, accounts (Identity's user and
    /// role managers over the database) and every service with its options, validated on start.
    /// </summary>
    public static IdentityBuilder AddAttendanceApplication(this IHostApplicationBuilder builder)
    {
        builder.AddAttendanceData();
        builder.AddRecognition();
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<AttendanceOptions>()
            .BindConfiguration(AttendanceOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // The models load when the first still needs them (the web app's startup asks at once), not when a service
        // that might need them is built: the CLI's account and device commands never do.
        services.AddSingleton(sp => new Lazy<FaceEngine>(sp.GetRequiredService<FaceEngine>));
        services.AddSingleton<ApplicationStartup>();
        services.AddSingleton<FaceGallery>();
        services.AddSingleton<FaceIndexFeed>();
        services.AddSingleton<RecognitionGate>();
        services.AddSingleton<BufferBudget>();
        services.AddSingleton<StillAnalyzer>();
        services.AddSingleton<AttendanceSettings>();
        services.AddSingleton<SettingsService>();
        // The check-in path: small use cases over one writer (docs/architecture.md).
        services.AddSingleton<CheckInWriter>();
        services.AddSingleton<FaceDecider>();
        services.AddSingleton<FaceCheckIn>();
        services.AddSingleton<Registration>();
        services.AddSingleton<ApiCheckIn>();
        services.AddSingleton<PinCheckIn>();
        services.AddSingleton<DoubtfulAnswers>();
        services.AddSingleton<CheckReviews>();
        services.AddSingleton<PersonalCheckIn>();
        services.AddSingleton<CheckIns>();
        services.AddSingleton<ForgottenCheckOuts>();
        services.AddSingleton<PeopleService>();
        services.AddSingleton<PeopleQueries>();
        services.AddSingleton<PinPepper>();
        services.AddSingleton<PinHasher>();
        services.AddSingleton<PinService>();
        services.AddSingleton<PersonExportService>();
        services.AddSingleton<Audit.AccessAudit>();
        services.AddSingleton<RecordsService>();
        services.AddSingleton<DashboardService>();
        services.AddSingleton<DeviceService>();
        services.AddMetrics();
        services.AddSingleton<Diagnostics.AttendanceMetrics>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<AutoCheckout>();
        services.AddSingleton<Retention>();
        services.AddSingleton<Review.ReviewService>();
        services.TryAddSingleton<Liveness.ILivenessRandom, Liveness.CryptographicLivenessRandom>();
        services.AddSingleton<Liveness.ReplayGuard>();
        services.AddSingleton<Liveness.LivenessService>();
        services.AddSingleton<WorkingTime.TimesheetService>();
        services.AddSingleton<WorkingTime.PeriodService>();
        services.AddSingleton<WorkingTime.WorkingTimeService>();
        services.AddSingleton<WorkingTime.PayrollExport>();
        services.AddOptions<Integrations.WebhookOptions>().BindConfiguration(Integrations.WebhookOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Integrations.WebhookOptions>>(new ProblemsValidator<Integrations.WebhookOptions>(o => o.Problems()));
        services.AddSingleton<Integrations.WebhookService>();
        services.AddSingleton<Integrations.WebhookDispatcher>();
        services.AddOptions<Email.EmailOptions>().BindConfiguration(Email.EmailOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Email.EmailOptions>>(new ProblemsValidator<Email.EmailOptions>(o => o.Problems()));
        services.AddOptions<SsoOptions>().BindConfiguration(SsoOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SsoOptions>>(new ProblemsValidator<SsoOptions>(o => o.Problems()));
        services.AddSingleton<SingleSignOn>();
        services.AddSingleton<Email.ReminderPlanner>();
        services.AddSingleton<Email.EmailDispatcher>();

        return services.AddIdentityCore<ApplicationUser>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AttendanceDbContext>();
    }
}
