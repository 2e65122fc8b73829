using AttendanceBlazor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AttendanceBlazor.Web.Tests;

/// <summary>Migrations for both providers cover the model; SQLite ones apply to an empty file; the SQL Server script is current.</summary>
public sealed class DatabaseTests
{
    [Fact]
    public async Task MigrationsApplyToAnEmptySqliteFile()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            var path = Path.Combine(dir.FullName, "empty.db");
            await using (var db = new AttendanceDbContext(DataServiceCollectionExtensions.StandaloneOptions(new DatabaseOptions(), $"Data Source={path}")))
            {
                await db.Database.MigrateAsync();
                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
                Assert.Equal(0, await db.People.CountAsync());
                Assert.Equal(0, await db.Users.CountAsync());
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ATransactionOutsideTheExecutionStrategyFailsOnSqliteAsItWouldOnSqlServer()
    {
        // SQLite runs with a retrying strategy (SqliteBusyRetryStrategy), so code that opens a transaction without
        // Transactions.InTransactionAsync fails in every test, not only in production on SQL Server.
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            await using var db = new AttendanceDbContext(DataServiceCollectionExtensions.StandaloneOptions(new DatabaseOptions(), $"Data Source={Path.Combine(dir.FullName, "t.db")}"));
            await db.Database.MigrateAsync();
            await using var tx = await db.Database.BeginTransactionAsync();
            db.Devices.Add(new Data.Entities.Device { Name = "x", KeyPrefix = "att_x", KeyHash = "00" });
            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.Contains("execution strategy", ex.Message);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=unused.db")]
    [InlineData(DatabaseProvider.SqlServer, "Server=unused;Database=unused;TrustServerCertificate=True")]
    public void NoModelChangeIsLeftWithoutAMigration(DatabaseProvider provider, string connectionString)
    {
        // HasPendingModelChanges compares the model with the provider's migration snapshot; no server is contacted.
        using var db = new AttendanceDbContext(DataServiceCollectionExtensions.StandaloneOptions(new DatabaseOptions { Provider = provider }, connectionString));
        Assert.False(db.Database.HasPendingModelChanges(), $"The {provider} model has changes no migration covers: add one (README, Database).");
    }

    [Fact]
    public void TheSqlServerScriptInDatabaseIncludesTheLatestMigration()
    {
        using var db = new AttendanceDbContext(DataServiceCollectionExtensions.StandaloneOptions(
            new DatabaseOptions { Provider = DatabaseProvider.SqlServer }, "Server=unused;Database=unused"));
        var latest = db.Database.GetMigrations().Last();
        var script = File.ReadAllText(Path.Combine(TestFaces.RepositoryRoot, "database", "sqlserver-idempotent.sql"));
        Assert.True(script.Contains($"N'{latest}'", StringComparison.Ordinal),
            $"database/sqlserver-idempotent.sql does not include migration {latest}: run database/generate-sqlserver-script.sh");
    }
}
