using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AttendanceBlazor.Application.Faces;
using AttendanceBlazor.Data.Entities;
using AttendanceBlazor.Recognition.Matching;
using AttendanceBlazor.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceBlazor.Web.Tests;

/// <summary>
/// Two app nodes on one database, as behind a load balancer (ADR 014): on the SQLite file and on PostgreSQL. A face
/// registered or erased through one node is known, or gone, on the other within two seconds (the change feed), and
/// the same face arriving at both nodes at once changes the state once (the person's row is the lock).
/// </summary>
public sealed class MultiNodeTests : IDisposable
{
    private readonly List<AppFactory> _nodes = [];
    private ThrowawayPostgresDatabase? _postgres;

    private (AppFactory A, AppFactory B) Nodes(string provider, Action<AppFactory>? configureB = null)
    {
        var a = new AppFactory();
        // On SQLite the nodes share the file's folder (as two processes on one host); on PostgreSQL nothing but the
        // database: each node has a folder of its own, so whatever they share goes through the database.
        var b = provider == "PostgreSQL" ? new AppFactory() : new AppFactory(a.Folder.Directory);
        if (provider == "PostgreSQL")
        {
            _postgres = new ThrowawayPostgresDatabase();
            var connection = _postgres.ConnectionString;
            foreach (var node in new[] { a, b })
            {
                node.Settings["Database:Provider"] = "PostgreSQL";
                node.Settings["ConnectionStrings:Attendance"] = connection;
            }
        }
        configureB?.Invoke(b);
        _nodes.Add(b);
        _nodes.Add(a);
        _ = a.Services; // A migrates the database; B starts on it with an empty gallery.
        _ = b.Services;
        return (a, b);
    }

    private static void Advance(AppFactory a, AppFactory b, TimeSpan by)
    {
        a.Time.Advance(by);
        b.Time.Advance(by);
    }

    /// <summary>Polls <paramref name="node"/>'s gallery until <paramref name="known"/> holds for the face, up to two seconds.</summary>
    private static async Task<TimeSpan> UntilAsync(AppFactory node, float[] descriptor, bool known)
    {
        var gallery = node.Services.GetRequiredService<FaceGallery>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(2))
        {
            if ((gallery.Identify(descriptor, 0.6).Status == MatchStatus.Match) == known) return clock.Elapsed;
            await Task.Delay(20);
        }
        Assert.Fail($"after 2 s the other node {(known ? "still does not know" : "still knows")} the face");
        return clock.Elapsed;
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSQL")]
    public async Task AFaceRegisteredOnOneNodeIsKnownOnTheOtherWithinTwoSecondsAndAnErasedOneIsGoneAsFast(string provider)
    {
        var (a, b) = Nodes(provider);
        var probe = a.Describe("probe/obama.jpg");
        Assert.NotEqual(MatchStatus.Match, b.Services.GetRequiredService<FaceGallery>().Identify(probe, 0.6).Status);

        var registered = await (await a.ApiClientAsync()).PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"));
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        await UntilAsync(b, probe, known: true);

        // Node B recognises the person node A registered, and checks them out (it does not offer a second registration).
        Advance(a, b, TimeSpan.FromHours(8));
        var checkedOut = await (await b.ApiClientAsync()).PostAsync("/check_in_or_out", AppFactory.Form("probe/obama.jpg"));
        Assert.Equal(HttpStatusCode.OK, checkedOut.StatusCode);
        Assert.Equal("check_out", (await checkedOut.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("action").GetString());

        // Erased on A (HR's page or the CLI: the same service): gone from B.
        int id;
        await using (var db = a.Db()) id = await db.People.Select(p => p.Id).SingleAsync();
        Assert.True((await a.Services.GetRequiredService<PeopleService>().EraseAsync(id, new Actor(null, "hr@example.com"), "left the company")).Succeeded);
        await UntilAsync(b, probe, known: false);
        Assert.Equal(0, b.Services.GetRequiredService<FaceGallery>().Index.Count);
    }

    [Fact]
    public async Task OnPostgreSqlANodeThatPollsOnlyEveryThirtySecondsStillLearnsOfAChangeWithinTwoSeconds()
    {
        // Node B reads the feed every 30 s only: what reaches it sooner came by the feed table's NOTIFY.
        var (a, b) = Nodes("PostgreSQL", node => node.Settings["Attendance:IndexFeedInterval"] = "00:00:30");
        var follower = b.Services.GetRequiredService<Hosting.FaceIndexFollower>();
        var listening = Stopwatch.StartNew();
        while (!follower.Listening && listening.Elapsed < TimeSpan.FromSeconds(20)) await Task.Delay(50);
        Assert.True(follower.Listening, "node B did not start listening for the feed's notifications within 20 s");
        var probe = a.Describe("probe/obama.jpg");

        Assert.Equal(HttpStatusCode.OK, (await (await a.ApiClientAsync()).PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"))).StatusCode);
        await UntilAsync(b, probe, known: true);
        Assert.True(follower.Notifications > 0);

        int id;
        await using (var db = a.Db()) id = await db.People.Select(p => p.Id).SingleAsync();
        Assert.True((await a.Services.GetRequiredService<PeopleService>().EraseAsync(id, new Actor(null, "hr@example.com"), "left the company")).Succeeded);
        await UntilAsync(b, probe, known: false);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSQL")]
    public async Task ThirtyIdenticalCheckInsSplitAcrossTwoNodesChangeTheStateOnce(string provider)
    {
        var (a, b) = Nodes(provider);
        Assert.Equal(HttpStatusCode.OK, (await (await a.ApiClientAsync()).PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"))).StatusCode);
        await UntilAsync(b, a.Describe("probe/obama.jpg"), known: true);
        Advance(a, b, TimeSpan.FromHours(8));

        var still = File.ReadAllBytes(TestFaces.PathOf("probe/obama.jpg"));
        var services = new[] { a.Services.GetRequiredService<ApiCheckIn>(), b.Services.GetRequiredService<ApiCheckIn>() };
        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() =>
            services[i % 2].CheckAsync(new CheckRequest([still], null, AttendanceSource.Kiosk, $"kiosk-{(i % 2 == 0 ? "a" : "b")}")))));

        Assert.Equal(1, results.Count(r => r.Outcome == CheckOutcome.CheckedOut));
        Assert.Equal(29, results.Count(r => r.Outcome == CheckOutcome.Duplicate));
        await using var db = a.Db();
        var record = await db.AttendanceRecords.SingleAsync();
        Assert.NotNull(record.CheckOutUtc);
    }

    [Fact]
    public async Task OneIdempotencyKeySentToTwoNodesAtOnceRecordsOneEvent()
    {
        var (a, b) = Nodes("PostgreSQL");
        Assert.Equal(HttpStatusCode.OK, (await (await a.ApiClientAsync()).PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"))).StatusCode);
        await UntilAsync(b, a.Describe("probe/obama.jpg"), known: true);
        Advance(a, b, TimeSpan.FromHours(8));
        var still = File.ReadAllBytes(TestFaces.PathOf("probe/obama.jpg"));
        var services = new[] { a.Services.GetRequiredService<ApiCheckIn>(), b.Services.GetRequiredService<ApiCheckIn>() };

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            services[i % 2].CheckAsync(new CheckRequest([still], null, AttendanceSource.Api, "door") { IdempotencyKey = "one-key" }))));

        Assert.All(results, r => Assert.Equal(CheckOutcome.CheckedOut, r.Outcome));
        Assert.Equal(7, results.Count(r => r.Replayed));
        await using var db = a.Db();
        Assert.Single(await db.AttendanceRecords.ToListAsync());
    }

    [Fact]
    public async Task ASettingsChangeOnOneNodeAppliesOnTheOtherAtItsNextCheckIn()
    {
        var (a, b) = Nodes("Sqlite");
        var settings = a.Services.GetRequiredService<SettingsService>();
        var form = await settings.LoadAsync();
        form.DuplicateWindowSeconds = 600;
        Assert.True((await settings.SaveAsync(form, new Actor(null, "admin@example.com"))).Succeeded);
        Assert.Equal(TimeSpan.FromMinutes(10), (await b.Services.GetRequiredService<AttendanceSettings>().GetAsync()).DuplicateWindow);
    }

    [Fact]
    public async Task ASignInOnOneNodeIsValidOnAnotherThroughTheKeysInTheDatabase()
    {
        var (a, b) = Nodes("PostgreSQL");
        await a.CreateUserAsync("anna@example.com", Roles.Employee);
        var cookie = await a.SignInCookieAsync("anna@example.com");
        var other = b.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        other.DefaultRequestHeaders.Add("Cookie", cookie);
        var me = await other.GetAsync("/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        // The key ring is a table, not a folder: neither node wrote a key file.
        Assert.False(Directory.Exists(a.Folder.KeysDirectory) && Directory.EnumerateFiles(a.Folder.KeysDirectory).Any());
        await using var db = b.Db();
        Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
    }

    public void Dispose()
    {
        foreach (var node in _nodes) node.Dispose();
        _postgres?.Dispose();
    }
}
