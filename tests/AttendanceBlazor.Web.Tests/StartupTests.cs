using System.Diagnostics;
using AttendanceBlazor.Recognition;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Web.Tests;

/// <summary>The real app process, started the way an operator starts it.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task AMissingModelFileStopsTheAppWithAMessageNamingItAndANonZeroExit()
    {
        var (exitCode, all) = await RunAppAsync(dir => new()
        {
            ["Recognition__ModelDirectory"] = Directory.CreateDirectory(Path.Combine(dir.FullName, "models")).FullName,
        });
        Assert.NotEqual(0, exitCode);
        Assert.Contains("model file not found", all);
        Assert.Contains("ssd_mobilenetv1_model-weights_manifest.json", all);
    }

    [Fact]
    public async Task AnUnknownDetectorModeStopsTheAppWithAMessageNamingTheSetting()
    {
        var (exitCode, all) = await RunAppAsync(_ => new() { ["Recognition__DetectorMode"] = "Turbo" });
        Assert.NotEqual(0, exitCode);
        Assert.Contains("Recognition:DetectorMode", all);
        Assert.Contains("Turbo", all);
    }

    [Fact]
    public async Task TheBenchmarksSwitchThatLetsARecordingPassTwiceStopsTheAppInProduction()
    {
        var (exitCode, all) = await RunAppAsync(_ => new() { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Attendance__LivenessRefuseReplays"] = "false" });
        Assert.NotEqual(0, exitCode);
        Assert.Contains("Attendance:LivenessRefuseReplays = false is for benchmarks only", all);
    }

    [Fact]
    public void TheAppRunsTheFastDetectorAndTheTestsShareTheSameMode()
    {
        using var factory = new AppFactory();
        var options = factory.Services.GetRequiredService<IOptions<RecognitionOptions>>().Value;
        Assert.Equal(DetectorMode.Fast, options.DetectorMode);
        Assert.Equal(options.DetectorMode, SharedModels.Instance.DetectorMode);
    }

    [Fact]
    public async Task AFirstStartOnANewSqliteFileMigratesInOneTransactionAndLogsNoWarningOfTheDatabase()
    {
        var log = await RunAppUntilListeningAsync(_ => new());

        Assert.Contains("Applying migration '20261202063357_SecurityReview'", log);
        // EF Core's warnings of a table rebuild outside a transaction ("may not be in an expected state", "would need
        // to be reverted manually") read as faults to a newcomer, and were a real risk; none is left.
        Assert.DoesNotContain("warn: Microsoft.EntityFrameworkCore", log);
        Assert.DoesNotContain("fail:", log);
        Assert.DoesNotContain("XML encryptor", log);
    }

    [Fact]
    public async Task AFirstStartOfANodeOnANewPostgreSqlDatabaseCreatesItWithoutLoggingAnError()
    {
        using var database = new ThrowawayPostgresDatabase();

        var log = await RunAppUntilListeningAsync(_ => new()
        {
            ["Database__Provider"] = "PostgreSQL",
            ["ConnectionStrings__Attendance"] = database.ConnectionString,
        });

        Assert.Contains("Applying migration", log);
        Assert.DoesNotContain("fail:", log);
        Assert.DoesNotContain("warn: Microsoft.EntityFrameworkCore", log);
    }

    [Fact]
    public async Task AMigrationThatFailsInItsTableRebuildLeavesTheSqliteFileAsItWas()
    {
        // A database from before SecurityReview, the migration that rebuilds People (SQLite cannot drop a column in
        // place): it creates PinAttempts, copies rows into it, then rebuilds People through a table "ef_temp_People",
        // which is in the way here, so the migration fails after its first statements.
        var dir = Directory.CreateTempSubdirectory("attendance-atomic-");
        try
        {
            var file = Path.Combine(dir.FullName, "a.db");
            var options = Data.DataServiceCollectionExtensions.StandaloneOptions(new Data.DatabaseOptions(), $"Data Source={file}");
            await using (var db = new Data.AttendanceDbContext(options))
            {
                await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync("20261202045912_TrustedCheckIns");
                await db.Database.ExecuteSqlRawAsync("CREATE TABLE \"ef_temp_People\" (\"Blocker\" INTEGER)");
            }
            var before = await SchemaAsync(file);

            await Assert.ThrowsAnyAsync<Exception>(() => Data.DataServiceCollectionExtensions.MigrateAttendanceDatabaseAsync(ServicesFor(file)));

            // Every statement of the failed migration was rolled back, those before the rebuild too (no PinAttempts):
            // the schema is what it was, the migration is still pending, and foreign keys are on again.
            Assert.Equal(before, await SchemaAsync(file));
            Assert.DoesNotContain("PinAttempts", before);
            await using (var db = new Data.AttendanceDbContext(options))
            {
                Assert.Equal("20261202063357_SecurityReview", (await db.Database.GetPendingMigrationsAsync()).First());
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    /// <summary>The app's database services for one SQLite file, as the host registers them.</summary>
    private static IServiceProvider ServicesFor(string file)
    {
        var services = new ServiceCollection();
        services.AddSingleton(Options.Create(new Data.DatabaseOptions()));
        services.AddDbContextFactory<Data.AttendanceDbContext>(b => Data.DataServiceCollectionExtensions.Configure(b, new Data.DatabaseOptions(), $"Data Source={file}", appMigrations: true));
        Data.DataServiceCollectionExtensions.ConfigureIdentitySchema(services);
        return services.BuildServiceProvider();
    }

    private static async Task<string> SchemaAsync(string file)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(sql, char(10)) FROM (SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name)";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Starts the app in a folder of its own until it says it listens, then stops it; returns what it logged.</summary>
    private static async Task<string> RunAppUntilListeningAsync(Func<DirectoryInfo, Dictionary<string, string>> environment)
    {
        var dir = Directory.CreateTempSubdirectory("attendance-first-start-");
        var start = StartInfo(dir, environment(dir));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Attendance__PinPepper"] = Convert.ToBase64String(new byte[32]);
        using var process = Process.Start(start)!;
        var log = new System.Text.StringBuilder();
        var listening = new TaskCompletionSource();
        void Read(string? line)
        {
            if (line is null) return;
            lock (log) log.AppendLine(line);
            if (line.Contains("Now listening on", StringComparison.Ordinal)) listening.TrySetResult();
        }
        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Task.WhenAny(listening.Task, process.WaitForExitAsync()).WaitAsync(TimeSpan.FromSeconds(90));
            Assert.True(listening.Task.IsCompleted, $"the app did not start:\n{log}");
            lock (log) return log.ToString();
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    private static ProcessStartInfo StartInfo(DirectoryInfo dir, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(typeof(Program).Assembly.Location)!,
        };
        start.Environment["ConnectionStrings__Attendance"] = $"Data Source={Path.Combine(dir.FullName, "a.db")}";
        start.Environment["DataProtection__KeysDirectory"] = Path.Combine(dir.FullName, "keys");
        foreach (var (key, value) in environment) start.Environment[key] = value;
        return start;
    }

    /// <summary>Runs the app in a folder of its own (database, keys) with extra environment, until it exits.</summary>
    private static async Task<(int ExitCode, string Output)> RunAppAsync(Func<DirectoryInfo, Dictionary<string, string>> environment)
    {
        var dir = Directory.CreateTempSubdirectory("attendance-startup-");
        try
        {
            var start = StartInfo(dir, environment(dir));
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("the app did not stop within 60 s");
            }
            return (process.ExitCode, await output + await errors);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
