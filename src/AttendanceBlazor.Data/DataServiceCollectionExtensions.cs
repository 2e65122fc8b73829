using AttendanceBlazor.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Data;

public static class DataServiceCollectionExtensions
{
    public const string SqliteMigrationsAssembly = "AttendanceBlazor.Migrations.Sqlite";
    public const string SqlServerMigrationsAssembly = "AttendanceBlazor.Migrations.SqlServer";
    public const string PostgreSqlMigrationsAssembly = "AttendanceBlazor.Migrations.PostgreSql";

    /// <summary>
    /// The attendance database: SQLite by default (a file in local application data, created and migrated at start),
    /// or SQL Server with Database:Provider = SqlServer and ConnectionStrings:Attendance. Each provider has its own
    /// migrations assembly. Registers IDbContextFactory (components take short-lived contexts) and a scoped context
    /// (Identity's stores).
    /// </summary>
    public static IHostApplicationBuilder AddAttendanceData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = builder.Configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        // Pooled: a check-in takes several short-lived contexts (the device key, the settings, the write), and building one
        // (Identity's model, every DbSet) was a measurable share of a request's CPU (docs/benchmarks.md).
        builder.Services.AddPooledDbContextFactory<AttendanceDbContext>(db => Configure(db, options, connectionString, appMigrations: true));
        // Identity's stores take a scoped context; components and services take short-lived ones from the factory.
        builder.Services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<AttendanceDbContext>>().CreateDbContext());
        builder.Services.ConfigureIdentitySchema();
        builder.Services.AddAttendanceDataProtection(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// The Identity schema version is part of the EF model (version 3 adds passkeys). The web app, the CLI and the
    /// design-time factories must all say the same, or the model differs from the migrations.
    /// </summary>
    public static IServiceCollection ConfigureIdentitySchema(this IServiceCollection services) =>
        services.Configure<IdentityOptions>(o =>
        {
            o.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
            // Shared by the web app and the CLI's `admin create`, so both accept the same passwords.
            o.Password.RequiredLength = 10;
            o.Lockout.AllowedForNewUsers = true;
            o.Lockout.MaxFailedAccessAttempts = 5;
            o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        });

    /// <summary>Options for a context built outside the host (design time, tests): same provider setup, same Identity schema.</summary>
    public static DbContextOptions<AttendanceDbContext> StandaloneOptions(DatabaseOptions options, string? connectionString)
    {
        var builder = new DbContextOptionsBuilder<AttendanceDbContext>();
        Configure(builder, options, connectionString);
        builder.UseApplicationServiceProvider(new ServiceCollection().ConfigureIdentitySchema().BuildServiceProvider());
        return builder.Options;
    }

    /// <summary>
    /// The provider, its migrations assembly and its settings. <paramref name="appMigrations"/>: the app's own migrator
    /// (<see cref="MigrateAttendanceDatabaseAsync"/>) will run the migrations, which on SQLite turns foreign keys off
    /// for the run, so the migrations are generated without EF's own <c>PRAGMA foreign_keys</c> switches and apply
    /// whole (ADR 017). Anywhere else (`dotnet ef`, a script, a test's standalone context) EF's switches stay: without
    /// them a table rebuild would run its DROP TABLE with foreign keys on and cascade deletes to the children.
    /// </summary>
    public static void Configure(DbContextOptionsBuilder db, DatabaseOptions options, string? connectionString, bool appMigrations = false)
    {
        switch (options.Provider)
        {
            case DatabaseProvider.SqlServer:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new OptionsValidationException(nameof(DatabaseOptions), typeof(DatabaseOptions),
                        ["Database:Provider is SqlServer, so ConnectionStrings:Attendance (environment ConnectionStrings__Attendance) must be set."]);
                }
                db.UseSqlServer(connectionString, sql => sql
                    .MigrationsAssembly(SqlServerMigrationsAssembly)
                    .CommandTimeout(options.CommandTimeoutSeconds)
                    .EnableRetryOnFailure(5, TimeSpan.FromSeconds(5), null));
                break;
            case DatabaseProvider.PostgreSQL:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new OptionsValidationException(nameof(DatabaseOptions), typeof(DatabaseOptions),
                        ["Database:Provider is PostgreSQL, so ConnectionStrings:Attendance (environment ConnectionStrings__Attendance) must be set, " +
                         "for example Host=db.example.com;Database=attendance;Username=attendance;Password=..."]);
                }
                // Migrate() creates the database the connection string names when it does not exist yet.
                db.UseNpgsql(connectionString, pg => pg
                    .MigrationsAssembly(PostgreSqlMigrationsAssembly)
                    .CommandTimeout(options.CommandTimeoutSeconds)
                    .EnableRetryOnFailure(5, TimeSpan.FromSeconds(5), null));
                break;
            default:
                db.UseSqlite(SqliteConnectionString(connectionString, options), sqlite => sqlite
                    .MigrationsAssembly(SqliteMigrationsAssembly)
                    .CommandTimeout(options.CommandTimeoutSeconds)
                    .ExecutionStrategy(d => new SqliteBusyRetryStrategy(d)));
                db.AddInterceptors(new SqliteSecureDelete());
                if (appMigrations) db.ReplaceService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsSqlGenerator, SqliteAtomicMigrations>();
                // Raw SQL beside a table rebuild runs before the rebuild, in the order written: each migration was
                // written for that order, and the upgrade test (UpgradeTests) runs every one on real data.
                db.ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.SqliteEventId.TableRebuildPendingWarning));
                break;
        }
    }

    /// <summary>The configured SQLite connection string, or the default file; its folder is created.</summary>
    public static string SqliteConnectionString(string? configured, DatabaseOptions options)
    {
        var csb = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? $"Data Source={DatabaseOptions.DefaultSqlitePath()}" : configured);
        // Writers wait for each other instead of failing at once with "database is locked".
        if (csb.DefaultTimeout == 30) csb.DefaultTimeout = options.CommandTimeoutSeconds;
        csb.Pooling = true;
        if (!string.IsNullOrEmpty(csb.DataSource) && csb.DataSource != ":memory:" && csb.Mode != SqliteOpenMode.Memory)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(csb.DataSource));
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        }
        return csb.ToString();
    }

    /// <summary>Creates or migrates the database, and on SQLite turns on write-ahead logging (readers never block the writer).</summary>
    public static async Task MigrateAttendanceDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        await using var db = await services.GetRequiredService<IDbContextFactory<AttendanceDbContext>>().CreateDbContextAsync(cancellationToken);
        if (options.MigrateOnStartup)
        {
            if (db.Database.IsSqlite()) await MigrateSqliteAsync(db, cancellationToken);
            else
            {
                if (db.Database.IsNpgsql())
                {
                    await CreatePostgreSqlDatabaseAsync(db, cancellationToken);
                    // The history table made first, as EF would: its own check queries the table and logs the failure
                    // as an error on a new database.
                    var history = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IHistoryRepository>();
                    await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript(), cancellationToken);
                }
                await db.Database.MigrateAsync(cancellationToken);
            }
        }
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        if (!await db.Settings.AnyAsync(cancellationToken))
        {
            db.Settings.Add(new SettingsRecord());
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>
    /// All pending SQLite migrations in one transaction, with foreign keys off for the run (a table rebuild must not
    /// cascade a delete from the old table to its children, and the pragma cannot change inside a transaction), then
    /// checked: a migration that left a dangling reference stops the start with the table named.
    /// </summary>
    private static async Task MigrateSqliteAsync(AttendanceDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = 0;", cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
            var broken = await db.Database.SqlQueryRaw<string>("SELECT \"table\" AS \"Value\" FROM pragma_foreign_key_check").ToListAsync(cancellationToken);
            if (broken.Count > 0)
            {
                throw new InvalidOperationException($"After migrating, rows of {string.Join(", ", broken.Distinct())} refer to rows that do not exist. Restore the backup taken before the upgrade and report this.");
            }
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = 1;", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Creates the PostgreSQL database when it does not exist yet, through the server's maintenance database. EF's own
    /// way (try to connect, fail, create) logs the failed connection as an error, which reads as a fault on a first
    /// start; several nodes starting at once may race, and the loser finds the database there (42P04).
    /// </summary>
    private static async Task CreatePostgreSqlDatabaseAsync(AttendanceDbContext db, CancellationToken cancellationToken)
    {
        var target = new Npgsql.NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        if (string.IsNullOrEmpty(target.Database)) return;
        var maintenance = new Npgsql.NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new Npgsql.NpgsqlConnection(maintenance.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (Npgsql.PostgresException)
        {
            // No maintenance database, or no right to it: EF's own check decides, as before.
            return;
        }
        await using (var exists = new Npgsql.NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection))
        {
            exists.Parameters.AddWithValue("name", target.Database);
            if (await exists.ExecuteScalarAsync(cancellationToken) is not null) return;
        }
        try
        {
            var quoted = "\"" + target.Database.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Npgsql.PostgresException e) when (e.SqlState is Npgsql.PostgresErrorCodes.DuplicateDatabase or Npgsql.PostgresErrorCodes.UniqueViolation)
        {
            // Another node created it a moment earlier.
        }
    }
}
