using AttendanceBlazor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AttendanceBlazor.Migrations.SqlServer;

/// <summary>Lets `dotnet ef` build the context for this provider without starting the web app.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AttendanceDbContext>
{
    public AttendanceDbContext CreateDbContext(string[] args)
    {
        return new AttendanceDbContext(DataServiceCollectionExtensions.StandaloneOptions(
            new DatabaseOptions { Provider = DatabaseProvider.SqlServer },
            Environment.GetEnvironmentVariable("ConnectionStrings__Attendance") ?? DefaultConnection));
    }

    private const string DefaultConnection = "Server=(local);Database=Attendance;Trusted_Connection=True;TrustServerCertificate=True";
}
