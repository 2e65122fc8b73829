using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceBlazor.Data;

/// <summary>
/// The Data Protection key ring, the same for the web app's nodes and the CLI (which reads webhook secrets with it):
/// in the database on a server database, where every node must share it (ADR 014), in a folder beside the SQLite file
/// otherwise (DataProtection:Store overrides); encrypted with a certificate when one is configured.
/// </summary>
public static class DataProtectionSetup
{
    public const string ApplicationName = "AttendanceBlazor";

    public static DataProtectionCertificate AddAttendanceDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var keyProtection = new DataProtectionCertificate(configuration);
        services.AddSingleton(keyProtection);
        var dataProtection = services.AddDataProtection().SetApplicationName(ApplicationName);
        if (KeysInDatabase(configuration))
        {
            dataProtection.PersistKeysToDbContext<AttendanceDbContext>();
        }
        else
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(configuration["DataProtection:KeysDirectory"]
                ?? Path.Combine(Path.GetDirectoryName(DatabaseOptions.DefaultSqlitePath())!, "keys")));
        }
        if (keyProtection.Certificate is { } certificate)
        {
            dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
        return keyProtection;
    }

    public static bool KeysInDatabase(IConfiguration configuration) => configuration["DataProtection:Store"] switch
    {
        { } store when store.Equals("Database", StringComparison.OrdinalIgnoreCase) => true,
        { } store when store.Equals("Folder", StringComparison.OrdinalIgnoreCase) => false,
        null or "" => configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()?.Provider is DatabaseProvider.PostgreSQL or DatabaseProvider.SqlServer,
        var other => throw new InvalidOperationException($"DataProtection:Store '{other}' is neither Database nor Folder."),
    };
}
