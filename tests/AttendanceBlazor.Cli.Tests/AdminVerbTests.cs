using AttendanceBlazor.Application.CheckIn;
using AttendanceBlazor.Cli;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AttendanceBlazor.Cli.Tests;

/// <summary>The device, admin, user and person verbs on a real SQLite file, through the same host the `attendance` tool builds.</summary>
public sealed class AdminVerbTests : IDisposable
{
    private const string Password = "Correct-Horse-Battery-9";
    private readonly TestFolder _folder = new("cli-admin-");
    private readonly IHost _host;

    public AdminVerbTests()
    {
        _host = CliHost.Build(new Dictionary<string, string?> { ["ConnectionStrings:Attendance"] = _folder.ConnectionString });
    }

    private Task<CliRun> Run(params string[] args) => Cli.RunAsync(_ => _host.Services, args);

    private Task<CliRun> RunWith(IReadOnlyDictionary<string, string> environment, string stdin, params string[] args) =>
        Cli.RunAsync(_ => _host.Services, args, stdin, environment);

    private Task<AttendanceDbContext> DbAsync() => _host.Services.GetRequiredService<IDbContextFactory<AttendanceDbContext>>().CreateDbContextAsync();

    [Fact]
    public async Task DeviceAddPrintsTheKeyAloneOnTheLastLineAndStoresOnlyItsHash()
    {
        var (code, stdout, _) = await Run("device", "add", "lobby", "--scope", "check-in");
        Assert.Equal(0, code);
        var key = stdout.TrimEnd().Split('\n')[^1].Trim();
        Assert.StartsWith("att_", key);
        Assert.True(key.Length > 40);

        await using var db = await DbAsync();
        var device = await db.Devices.SingleAsync();
        Assert.Equal(DeviceKeys.Hash(key), device.KeyHash);
        Assert.Equal(DeviceScopes.CheckIn, device.Scopes);
        Assert.Equal("lobby", (await DeviceKeys.FindAsync(db, key))?.Name);
    }

    [Fact]
    public async Task AnAdminCreatedHereIsLocalAndCannotBeLinkedToSingleSignOnWhileAnEmployeeCan()
    {
        Assert.Equal(0, (await RunWith(new Dictionary<string, string> { ["ATTENDANCE_ADMIN_PASSWORD"] = Password }, "", "admin", "create", "--email", "boss@example.com")).Code);
        Assert.Equal(0, (await RunWith(new Dictionary<string, string> { ["ATTENDANCE_USER_PASSWORD"] = Password }, "", "user", "add", "--email", "ann@example.com", "--role", "Employee")).Code);

        var boss = await Run("user", "link-sso", "boss@example.com", "--subject", "oid-boss");
        var ann = await Run("user", "link-sso", "ann@example.com", "--subject", "oid-ann");
        var nobody = await Run("user", "link-sso", "nobody@example.com", "--subject", "oid-x");

        Assert.Equal(1, boss.Code);
        Assert.Contains("local", boss.Err, StringComparison.OrdinalIgnoreCase);
        Assert.True(ann.Code == 0, ann.Err);
        Assert.Contains("ann@example.com is linked to the subject oid-ann", ann.Out);
        Assert.Equal(1, nobody.Code);
        await using var db = await DbAsync();
        var login = await db.UserLogins.SingleAsync();
        Assert.Equal(("oidc", "oid-ann"), (login.LoginProvider, login.ProviderKey));
        Assert.Contains(await db.AuditEntries.Select(a => a.Action).ToListAsync(), a => a == "sso-link");
    }

    [Fact]
    public async Task DeviceAddKioskPrintsAOneTimePairingCodeAndStoresOnlyItsHash()
    {
        var (code, stdout, _) = await Run("device", "add", "Lobby tablet", "--kiosk");
        Assert.Equal(0, code);
        var pairing = stdout.TrimEnd().Split('\n')[^1].Trim();
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}$", pairing);

        await using (var db = await DbAsync())
        {
            var device = await db.Devices.SingleAsync();
            // Kept as an HMAC with the server's key, never as the code or its plain hash.
            var key = _host.Services.GetRequiredService<Application.People.PinPepper>().Key;
            Assert.Equal((DeviceKind.Kiosk, DeviceKeys.PairingCodeHash(pairing, key)), (device.Kind, device.PairingCodeHash));
            Assert.NotEqual(DeviceKeys.Hash(pairing.Replace("-", "")), device.PairingCodeHash);
        }
        Assert.Equal(2, (await Run("device", "add", "x", "--kiosk", "--scope", "check-in")).Code);
        // The code pairs a tablet once.
        var devices = _host.Services.GetRequiredService<Application.Devices.DeviceService>();
        Assert.True((await devices.PairAsync(pairing)).Succeeded);
        Assert.False((await devices.PairAsync(pairing)).Succeeded);
    }

    [Fact]
    public async Task DeviceAddAndRevokeLeaveAuditEntriesByTheCommandLine()
    {
        await Run("device", "add", "reader", "--scope", "read-attendance");
        var revoke = await Run("device", "revoke", "reader");
        Assert.Equal(0, revoke.Code);

        await using var db = await DbAsync();
        var device = await db.Devices.SingleAsync();
        var audit = await db.AuditEntries.Where(a => a.EntityType == "Device").OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["device-create", "device-revoke"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(device.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), a.EntityId));
        Assert.All(audit, a => Assert.StartsWith("cli:", a.UserName));
        Assert.Contains("read-attendance", audit[0].NewValues);
        Assert.Equal("{\"enabled\":false}", audit[1].NewValues);
    }

    [Fact]
    public async Task DeviceListShowsScopesAndRevokeDisablesTheKey()
    {
        await Run("device", "add", "reader", "--scope", "read-attendance");
        await Run("device", "revoke", "reader");
        var list = await Run("device", "list");
        Assert.Contains("reader\tread-attendance\trevoked", list.Out);
        var missing = await Run("device", "revoke", "nobody");
        Assert.Equal(1, missing.Code);
        Assert.Equal(["error: no device named 'nobody'"], missing.ErrLines);
    }

    [Fact]
    public async Task DuplicateDeviceNamesAndUnknownScopesAreRefused()
    {
        await Run("device", "add", "door");
        var again = await Run("device", "add", "door");
        Assert.Equal(1, again.Code);
        Assert.Equal(["error: a device named 'door' already exists"], again.ErrLines);
        var badScope = await Run("device", "add", "x", "--scope", "everything");
        Assert.Equal(2, badScope.Code);
        Assert.Contains("Unknown scope", badScope.Err);
        await using var db = await DbAsync();
        Assert.Equal(1, await db.Devices.CountAsync());
    }

    [Fact]
    public async Task AdminCreateRefusesAWeakPasswordWithTheReason()
    {
        var run = await RunWith(new Dictionary<string, string> { ["ATTENDANCE_ADMIN_PASSWORD"] = "short" }, "", "admin", "create", "--email", "weak@example.com");
        Assert.Equal(1, run.Code);
        Assert.Contains("at least 10 characters", run.Err);
        await using var db = await DbAsync();
        Assert.False(await db.Users.AnyAsync());
    }

    [Fact]
    public async Task AdminCreateMakesAnAdministratorWhoseEmailIsConfirmedAndAudited()
    {
        var run = await RunWith(new Dictionary<string, string>(), Password + "\n", "admin", "create", "--email", "boss@example.com");
        Assert.True(run.Code == 0, run.Err);
        Assert.Contains("administrator boss@example.com created", run.Out);
        await using var db = await DbAsync();
        var user = await db.Users.SingleAsync();
        Assert.True(user.EmailConfirmed);
        var adminRole = await db.Roles.SingleAsync(r => r.Name == "Admin");
        Assert.True(await db.UserRoles.AnyAsync(ur => ur.UserId == user.Id && ur.RoleId == adminRole.Id));
        var audit = await db.AuditEntries.SingleAsync();
        Assert.Equal(("user-create", user.Id), (audit.Action, audit.EntityId));
    }

    [Fact]
    public async Task UserAddCreatesAnAccountWithItsRoleLinkedToAPersonAndUserListShowsIt()
    {
        await _host.Services.GetRequiredService<Application.ApplicationStartup>().PrepareDatabaseAsync();
        var pin = await _host.Services.GetRequiredService<Application.People.PinService>()
            .CreateWithPinAsync("Ann Lee", "4711", Application.Audit.Actor.System);
        Assert.True(pin.Succeeded, pin.ToString());
        var env = new Dictionary<string, string> { ["ATTENDANCE_USER_PASSWORD"] = Password };

        var add = await RunWith(env, "", "user", "add", "--email", "ann@example.com", "--role", "employee", "--person", "ann lee");
        Assert.True(add.Code == 0, add.Err);
        Assert.Contains("account ann@example.com created with role Employee, linked to Ann Lee", add.Out);
        var list = await Run("user", "list");
        Assert.Equal(["ann@example.com\tEmployee\tactive\tAnn Lee"], list.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var badRole = await RunWith(env, "", "user", "add", "--email", "x@example.com", "--role", "boss");
        Assert.Equal(2, badRole.Code);
        Assert.Equal(["error: --role must be one of Admin, HR, Employee, Kiosk"], badRole.ErrLines);
        var noPassword = await Run("user", "add", "--email", "y@example.com", "--role", "HR");
        Assert.Equal(2, noPassword.Code);
        Assert.Equal(["error: no password: set ATTENDANCE_USER_PASSWORD or pipe it on standard input"], noPassword.ErrLines);
    }

    [Fact]
    public async Task UserDisableStopsTheAccountButNeverTheLastAdmin()
    {
        var env = new Dictionary<string, string> { ["ATTENDANCE_USER_PASSWORD"] = Password, ["ATTENDANCE_ADMIN_PASSWORD"] = Password };
        await RunWith(env, "", "admin", "create", "--email", "boss@example.com");
        await RunWith(env, "", "user", "add", "--email", "tablet@example.com", "--role", "Kiosk");

        var lastAdmin = await Run("user", "disable", "boss@example.com");
        Assert.Equal(1, lastAdmin.Code);
        Assert.Equal(["error: boss@example.com is the last Admin: make someone else Admin first"], lastAdmin.ErrLines);
        var disabled = await Run("user", "disable", "tablet@example.com");
        Assert.Equal(0, disabled.Code);
        Assert.Contains("tablet@example.com\tKiosk\tdisabled", (await Run("user", "list")).Out);

        await using var db = await DbAsync();
        var tablet = await db.Users.SingleAsync(u => u.Email == "tablet@example.com");
        Assert.True(tablet.LockoutEnd > DateTimeOffset.UtcNow.AddYears(100));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "user-disable" && a.EntityId == tablet.Id && a.UserName.StartsWith("cli:")));

        Assert.Equal(0, (await Run("user", "enable", "tablet@example.com")).Code);
        Assert.Contains("tablet@example.com\tKiosk\tactive", (await Run("user", "list")).Out);
    }

    [Fact]
    public async Task PersonEraseAsksForTheNameAndErasesAsThePeoplePageDoes()
    {
        var attendance = _host.Services.GetRequiredService<ApiCheckIn>();
        await _host.Services.GetRequiredService<Application.ApplicationStartup>().RunAsync();
        var registered = await attendance.CheckAsync(new CheckRequest(File.ReadAllBytes(TestFaces.PathOf("enroll/obama/1.jpg")), "Barack Obama", AttendanceSource.Api, "test"));
        Assert.Equal(CheckOutcome.Registered, registered.Outcome);
        Assert.Contains("Barack Obama\tin\t1 face samples\t1 records\tno PIN", (await Run("person", "list")).Out);

        var refused = await RunWith(new Dictionary<string, string>(), "Joe Biden\n", "person", "erase", "Barack Obama");
        Assert.Equal(1, refused.Code);
        Assert.EndsWith("error: not confirmed; nothing was erased", refused.Err.TrimEnd());
        await using (var db = await DbAsync()) Assert.Equal(1, await db.FaceTemplates.CountAsync());

        var erased = await RunWith(new Dictionary<string, string>(), "barack obama\n", "person", "erase", "Barack Obama", "--reason", "left the company");
        Assert.True(erased.Code == 0, erased.Err);
        Assert.Contains("Barack Obama erased", erased.Out);
        await using (var db = await DbAsync())
        {
            Assert.False(await db.People.AnyAsync());
            Assert.False(await db.FaceTemplates.AnyAsync());
            var audit = await db.AuditEntries.SingleAsync(a => a.Action == "delete");
            Assert.Equal("left the company", audit.Reason);
            Assert.StartsWith("cli:", audit.UserName);
            Assert.DoesNotContain("Obama", audit.NewValues);
        }
        var gone = await Run("person", "erase", "Barack Obama", "--yes");
        Assert.Equal(1, gone.Code);
        Assert.Equal(["error: nobody named 'Barack Obama' is registered"], gone.ErrLines);
    }

    public void Dispose()
    {
        _host.Dispose();
        _folder.Dispose();
    }
}
