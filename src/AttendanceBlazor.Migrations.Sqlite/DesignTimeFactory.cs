using AttendanceBlazor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AttendanceBlazor.Migrations.Sqlite;

/// <summary>Lets `dotnet ef` build the context for this provider without starting the web app.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AttendanceDbContext>
{
    public AttendanceDbContext CreateDbContext(string[] args)
    {
        return new AttendanceDbContext(DataServiceCollectionExtensions.StandaloneOptions(
            new DatabaseOptions { Provider = DatabaseProvider.Sqlite },
            Environment.GetEnvironmentVariable("ConnectionStrings__Attendance") ?? DefaultConnection));
    }

    private const string DefaultConnection = "Data Source=design-time.db";
}
