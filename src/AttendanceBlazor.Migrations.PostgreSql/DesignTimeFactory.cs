using AttendanceBlazor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AttendanceBlazor.Migrations.PostgreSql;

/// <summary>Lets `dotnet ef` build the context for this provider without starting the web app (no server is contacted).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AttendanceDbContext>
{
    public AttendanceDbContext CreateDbContext(string[] args)
    {
        return new AttendanceDbContext(DataServiceCollectionExtensions.StandaloneOptions(
            new DatabaseOptions { Provider = DatabaseProvider.PostgreSQL },
            Environment.GetEnvironmentVariable("ConnectionStrings__Attendance") ?? DefaultConnection));
    }

    private const string DefaultConnection = "Host=localhost;Database=attendance;Username=attendance";
}
