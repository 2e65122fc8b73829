using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceBlazor.Web.Tests;

/// <summary>
/// A database written by the app as it was at commit 44f17b8 (tests/upgrade-fixture/make-44f17b8.sh: three people
/// registered through the REST API, open and closed records, changed settings, a Kiosk account, a device key) opens
/// with today's code, migrates, and works: its people are recognised, its key is accepted, its settings hold.
/// </summary>
public sealed class UpgradeTests : IAsyncLifetime
{
    private readonly TestFolder _folder = new("attendance-upgrade-");
    private readonly JsonElement _fixture = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "upgrade-44f17b8.json"))).RootElement;
    private AppFactory _app = default!;

    public Task InitializeAsync()
    {
        _folder.CopyDatabaseFrom(Path.Combine("Fixtures", "upgrade-44f17b8.db"));
        _app = new AppFactory(_folder.Directory);
        // The fixture was written on 2 December 2026; the app's clock goes on from the next morning.
        _app.Time.SetUtcNow(new DateTimeOffset(2026, 12, 3, 7, 0, 0, TimeSpan.Zero));
        return Task.CompletedTask;
    }

    private HttpClient Device()
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Api-Key", _fixture.GetProperty("device_key").GetString());
        return client;
    }

    [Fact]
    public async Task TheOldDatabaseMigratesAndItsPeopleAreRecognisedWithItsDeviceKey()
    {
        var api = Device();
        var expected = new (string Photo, string Name, string Action)[]
        {
            ("probe/obama.jpg", "Barack Obama", "check_out"),           // open in the fixture
            ("probe/kit_harington.jpg", "Kit Harington", "check_in"),   // closed in the fixture
            ("probe/alex_lacamoire.jpg", "Alex Lacamoire", "check_out"),
        };
        foreach (var (photo, name, action) in expected)
        {
            var response = await api.PostAsync("/check_in_or_out", AppFactory.Form(photo));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal((name, action), (body.GetProperty("name").GetString(), body.GetProperty("action").GetString()));
        }
        var unknown = await api.PostAsync("/check_in_or_out", AppFactory.Form("probe/unknown_lin_manuel_miranda.png"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);

        var latest = await api.GetFromJsonAsync<JsonElement>("/attendance?name=Kit%20Harington");
        Assert.Equal("2026-12-03 08:00:00", latest.GetProperty("entry_time").GetString());

        await using var db = _app.Db();
        Assert.Equal(3, await db.People.CountAsync());
        Assert.Equal(3, await db.FaceTemplates.CountAsync());
        Assert.Equal(4, await db.AttendanceRecords.CountAsync());
        var applied = await db.Database.GetAppliedMigrationsAsync();
        Assert.Equal(db.Database.GetMigrations(), applied);
    }

    [Fact]
    public async Task TheOldSettingsHold()
    {
        _ = _app.CreateClient();
        var settings = await _app.Services.GetRequiredService<AttendanceSettings>().GetAsync();
        var stored = _fixture.GetProperty("settings");
        Assert.Equal(stored.GetProperty("match_threshold").GetDouble(), settings.MatchThreshold, 6);
        Assert.Equal(TimeSpan.Parse(stored.GetProperty("duplicate_window").GetString()!, System.Globalization.CultureInfo.InvariantCulture), settings.DuplicateWindow);
        Assert.Equal(stored.GetProperty("time_zone").GetString(), settings.TimeZone.Id);
        Assert.Equal(stored.GetProperty("retention_days").GetInt32(), settings.RetentionDays);
    }

    [Fact]
    public async Task TheOldAccountsSignInAndTheKioskAccountOpensTheKiosk()
    {
        foreach (var (account, page) in new[] { ("kiosk", "/kiosk"), ("admin", "/admin/settings") })
        {
            var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
            var login = await SignIn.PostLoginAsync(client, _fixture.GetProperty(account).GetProperty("email").GetString()!,
                _fixture.GetProperty(account).GetProperty("password").GetString()!);
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(page)).StatusCode);
        }
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _folder.Dispose();
    }
}
