using AttendanceBlazor.Application;
using AttendanceBlazor.Data;
using AttendanceBlazor.Web.Security;

namespace AttendanceBlazor.Web.Hosting;

/// <summary>
/// Runs the application's startup (models, database, roles, gallery) before the server takes requests, then, on an
/// empty database, writes the one-time setup code to the log, and warns about what production needs and lacks. The
/// startup runs in <see cref="StartingAsync"/>, before any hosted service starts: Data Protection's own service reads
/// its key ring from the database at start, and on a first start that database does not exist until it is migrated.
/// </summary>
public sealed class StartupRunner(ApplicationStartup startup, FirstRunState firstRun, DataProtectionCertificate keyProtection,
    IConfiguration configuration, ILogger<StartupRunner> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => startup.RunAsync(cancellationToken);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
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
        if (WebApplicationExtensions.KeysInDatabase(configuration) && string.IsNullOrEmpty(configuration["Attendance:PinPepper"]))
        {
            // A server database usually means several nodes; each would make a pepper file of its own.
            logger.LogWarning("The PIN pepper comes from a file on this node ({File}). With several nodes, give every node the same " +
                "Attendance:PinPepper (base64, 32 bytes), or a PIN set through one node does not verify on another; see docs/deploy.md.",
                Application.People.PinPepper.DefaultFile(configuration));
        }
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
