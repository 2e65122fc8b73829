using AttendanceBlazor.Cli;
using AttendanceBlazor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AttendanceBlazor.Recognition.Tests;

/// <summary>device and admin verbs on a real SQLite file, through the same host the `attendance` tool builds.</summary>
public sealed class CliAdminTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("cli-admin-");
    private readonly IHost _host;

    public CliAdminTests()
    {
        _host = CliHost.Build(new Dictionary<string, string?> { ["ConnectionStrings:Attendance"] = $"Data Source={Path.Combine(_dir.FullName, "a.db")}" });
    }

    private async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, _host.Services, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task DeviceAddPrintsTheKeyAloneOnTheLastLineAndStoresOnlyItsHash()
    {
        var (code, stdout, _) = await Run("device", "add", "lobby", "--scope", "check-in");
        Assert.Equal(0, code);
        var key = stdout.TrimEnd().Split('\n')[^1].Trim();
        Assert.StartsWith("att_", key);
        Assert.True(key.Length > 40);

        await using var db = await _host.Services.GetRequiredService<IDbContextFactory<AttendanceDbContext>>().CreateDbContextAsync();
        var device = await db.Devices.SingleAsync();
        Assert.Equal(DeviceKeys.Hash(key), device.KeyHash);
        Assert.DoesNotContain(key, device.KeyHash);
        Assert.Same(device.Name, (await DeviceKeys.FindAsync(db, key))?.Name ?? "missing");
    }

    [Fact]
    public async Task DeviceListShowsScopesAndRevokeDisablesTheKey()
    {
        await Run("device", "add", "reader", "--scope", "read-attendance");
        var revoke = await Run("device", "revoke", "reader");
        Assert.Equal(0, revoke.Code);
        var list = await Run("device", "list");
        Assert.Contains("reader\tread-attendance\trevoked", list.Out);
        Assert.Equal(1, (await Run("device", "revoke", "nobody")).Code);
    }

    [Fact]
    public async Task DuplicateDeviceNamesAndUnknownScopesAreRefused()
    {
        await Run("device", "add", "door");
        var again = await Run("device", "add", "door");
        Assert.Equal(1, again.Code);
        Assert.Contains("already exists", again.Err);
        var badScope = await Run("device", "add", "x", "--scope", "everything");
        Assert.Equal(2, badScope.Code);
        Assert.Contains("Unknown scope", badScope.Err);
    }

    [Fact]
    public async Task AdminCreateRefusesAWeakPasswordWithTheReason()
    {
        Environment.SetEnvironmentVariable("ATTENDANCE_ADMIN_PASSWORD", "short");
        try
        {
            var (code, _, stderr) = await Run("admin", "create", "--email", "weak@example.com");
            Assert.Equal(1, code);
            Assert.Contains("at least 10 characters", stderr);
        }
        finally
        {
            Environment.SetEnvironmentVariable("ATTENDANCE_ADMIN_PASSWORD", null);
        }
    }

    [Fact]
    public async Task AdminCreateMakesAnAdministratorWhoseEmailIsConfirmed()
    {
        Environment.SetEnvironmentVariable("ATTENDANCE_ADMIN_PASSWORD", "Correct-Horse-Battery-9");
        try
        {
            var (code, stdout, stderr) = await Run("admin", "create", "--email", "boss@example.com");
            Assert.True(code == 0, stderr);
            Assert.Contains("administrator boss@example.com created", stdout);
        }
        finally
        {
            Environment.SetEnvironmentVariable("ATTENDANCE_ADMIN_PASSWORD", null);
        }
        await using var db = await _host.Services.GetRequiredService<IDbContextFactory<AttendanceDbContext>>().CreateDbContextAsync();
        var user = await db.Users.SingleAsync();
        Assert.True(user.EmailConfirmed);
        var adminRole = await db.Roles.SingleAsync(r => r.Name == "Admin");
        Assert.True(await db.UserRoles.AnyAsync(ur => ur.UserId == user.Id && ur.RoleId == adminRole.Id));
    }

    public void Dispose()
    {
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }
}
