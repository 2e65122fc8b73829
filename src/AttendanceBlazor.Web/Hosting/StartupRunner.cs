using AttendanceBlazor.Application;
using AttendanceBlazor.Web.Security;

namespace AttendanceBlazor.Web.Hosting;

/// <summary>
/// Runs the application's startup (models, database, roles, gallery) before the server takes requests, then, on an
/// empty database, writes the one-time setup code to the log, and warns about what production needs and lacks.
/// </summary>
public sealed class StartupRunner(ApplicationStartup startup, FirstRunState firstRun, DataProtectionCertificate keyProtection,
    ILogger<StartupRunner> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await startup.RunAsync(cancellationToken);
        if (await firstRun.NeedsSetupAsync())
        {
            logger.LogWarning("No account exists yet. Open /setup in a browser and enter this one-time setup code: {SetupCode} " +
                "(or create the first admin with: attendance admin create --email ...)", firstRun.SetupCode);
        }
        if (!keyProtection.Configured)
        {
            logger.LogWarning("Data Protection keys (which sign the sign-in cookies) are stored unencrypted: anyone with a copy of " +
                "the keys folder can forge a sign-in. Set DataProtection:CertificatePath (and CertificatePassword) to encrypt them; see docs/security.md.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
