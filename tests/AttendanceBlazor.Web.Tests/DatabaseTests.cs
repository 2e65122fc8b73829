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
    [InlineData(DatabaseProvider.PostgreSQL, "Host=unused;Database=unused")]
    public void NoModelChangeIsLeftWithoutAMigration(DatabaseProvider provider, string connectionString)
    {
        // HasPendingModelChanges compares the model with the provider's migration snapshot; no server is contacted.
        using var db = new AttendanceDbContext(DataServiceCollectionExtensions.StandaloneOptions(new DatabaseOptions { Provider = provider }, connectionString));
        Assert.False(db.Database.HasPendingModelChanges(), $"The {provider} model has changes no migration covers: add one (README, Database).");
    }

    /// <summary>
    /// SQL Server cannot run on these machines, so its idempotent script is at least parsed by Microsoft's own T-SQL
    /// parser (SQL Server 2022 grammar): a syntax error fails here, not at a customer's DBA.
    /// </summary>
    [Fact]
    public void TheSqlServerScriptParsesAsTSqlAndABrokenCopyDoesNot()
    {
        var script = File.ReadAllText(Path.Combine(TestFaces.RepositoryRoot, "database", "sqlserver-idempotent.sql"));
        var (fragment, errors) = ParseTSql(script);
        Assert.True(errors.Count == 0, "database/sqlserver-idempotent.sql: " + string.Join("; ", errors.Take(5).Select(e => $"line {e.Line}: {e.Message}")));
        var batches = ((Microsoft.SqlServer.TransactSql.ScriptDom.TSqlScript)fragment).Batches.Count;
        using var db = new AttendanceDbContext(DataServiceCollectionExtensions.StandaloneOptions(
            new DatabaseOptions { Provider = DatabaseProvider.SqlServer }, "Server=unused;Database=unused"));
        Assert.True(batches > db.Database.GetMigrations().Count(), $"{batches} batches for {db.Database.GetMigrations().Count()} migrations");

        // The check can fail: the same script with one keyword misspelt does not parse.
        Assert.NotEmpty(ParseTSql(script.Replace("CREATE TABLE", "CREATE TABEL", StringComparison.Ordinal)).Errors);
    }

    private static (Microsoft.SqlServer.TransactSql.ScriptDom.TSqlFragment Fragment, IList<Microsoft.SqlServer.TransactSql.ScriptDom.ParseError> Errors) ParseTSql(string script)
    {
        var parser = new Microsoft.SqlServer.TransactSql.ScriptDom.TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(script);
        var fragment = parser.Parse(reader, out var errors);
        return (fragment, errors);
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
