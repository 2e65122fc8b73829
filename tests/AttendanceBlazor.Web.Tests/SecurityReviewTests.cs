using AttendanceBlazor.Application.Time;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AttendanceBlazor.Application.Faces;
using AttendanceBlazor.Data.Entities;
using AttendanceBlazor.Web.Components.Camera;
using AttendanceBlazor.Web.Components.Kiosk;
using AttendanceBlazor.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace AttendanceBlazor.Web.Tests;

/// <summary>
/// The regression tests of the security review (../shared/reviews/security-review.md) that belong to the security
/// issue, one or more per finding; the finding's number is in each test's comment. Those of the trust and structure
/// findings live beside the features they test.
/// </summary>
public sealed partial class SecurityReviewTests : IAsyncLifetime
{
    private static readonly Actor Hr = new(null, "hr@example.com");
    private readonly AppFactory _app = new();

    private PinCheckIn Pins => _app.Services.GetRequiredService<PinCheckIn>();

    public Task InitializeAsync()
    {
        // The sign-in limits as shipped (the other test classes raise the per-address one: they sign in often).
        _app.Settings["RateLimits:SignInPerAddressPerMinute"] = "10";
        return Task.CompletedTask;
    }

    // --- 1: login lockout and throttling ---------------------------------------------------------------------------

    [Fact]
    public async Task AfterFiveWrongPasswordsTheRightOneIsRefusedWithTheSameAnswerAsAWrongOne()
    {
        await _app.CreateUserAsync("admin@example.com", Roles.Admin);
        var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        for (var i = 0; i < 4; i++)
        {
            var wrong = await SignIn.PostLoginAsync(browser, "admin@example.com", "Wrong-password-" + i);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("Invalid login attempt", await wrong.Content.ReadAsStringAsync());
        }
        // The fifth wrong one locks the account; the answer is the one every failure gets, so a lockout page does not
        // tell real accounts from names without one (security recheck N10).
        var fifth = await SignIn.PostLoginAsync(browser, "admin@example.com", "Wrong-password-5");
        var right = await SignIn.PostLoginAsync(browser, "admin@example.com", SignIn.Password);
        var nobody = await SignIn.PostLoginAsync(browser, "nobody@example.com", SignIn.Password);

        foreach (var answer in new[] { fifth, right, nobody })
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Contains("Invalid login attempt. After five wrong passwords an account waits 15 minutes", await answer.Content.ReadAsStringAsync());
        }
        using var scope = _app.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync("admin@example.com");
        Assert.True(user!.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(14), "locked for the configured 15 minutes");
    }

    [Fact]
    public async Task SignInPostsFromOneAddressBeyondTheLimitGet429WithRetryAfterUntilTheMinutePasses()
    {
        await _app.CreateUserAsync("admin@example.com", Roles.Admin);
        var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SignIn.PostLoginAsync(browser, $"nobody{i}@example.com", "Wrong-password-1")).StatusCode);
        }

        var limited = await SignIn.PostLoginAsync(browser, "nobody10@example.com", "Wrong-password-1");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("Too many sign-in attempts", await limited.Content.ReadAsStringAsync());
        _app.Time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.OK, (await SignIn.PostLoginAsync(browser, "nobody11@example.com", "Wrong-password-1")).StatusCode);
    }

    [Fact]
    public async Task SignInsNamingOneAccountAreLimitedWhateverTheAddress()
    {
        _app.Settings["RateLimits:SignInPerAddressPerMinute"] = "1000";
        await _app.CreateUserAsync("admin@example.com", Roles.Admin);
        var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        for (var i = 0; i < 10; i++) Assert.Equal(HttpStatusCode.OK, (await SignIn.PostLoginAsync(browser, "ceo@example.com", "Wrong-password-1")).StatusCode);

        var limited = await SignIn.PostLoginAsync(browser, "CEO@example.com", "Wrong-password-1");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("for this account", await limited.Content.ReadAsStringAsync());
        // Other accounts are not held up by it.
        Assert.Equal(HttpStatusCode.OK, (await SignIn.PostLoginAsync(browser, "someone@example.com", "Wrong-password-1")).StatusCode);
    }

    [Fact]
    public async Task TheSignInFormKeepsTheTemplatesFieldNames()
    {
        var form = await _app.CreateClient().GetStringAsync("/Account/Login");
        Assert.Contains("name=\"Input.Email\"", form);
        Assert.Contains("name=\"Input.Password\"", form);
    }

    // --- 2: consent ------------------------------------------------------------------------------------------------

    [Fact]
    public async Task ConsentFalseIsRefusedWith400AndNothingIsStored()
    {
        var api = await _app.ApiClientAsync();
        var embedded = _app.RecognitionFailures.Calls;

        var refused = await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama", consent: "false"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("did not consent", await refused.Content.ReadAsStringAsync());
        Assert.Equal(embedded, _app.RecognitionFailures.Calls);
        await using var db = _app.Db();
        Assert.Equal(0, await db.People.CountAsync());
        Assert.Equal(0, await db.FaceTemplates.CountAsync());
        Assert.Equal(0, await db.AttendanceRecords.CountAsync());
        Assert.Equal(0, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task WithoutAConsentFieldTheRegistrationHasNoConsentTimeAndHrSeesConsentNotRecorded()
    {
        var api = await _app.ApiClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"))).StatusCode);

        await using var db = _app.Db();
        var person = await db.People.SingleAsync();
        Assert.Null(person.ConsentUtc);
        Assert.Null(person.ConsentVersion);
        Assert.Contains("no consent sent", person.ConsentSource);
        var row = Assert.Single(await _app.Services.GetRequiredService<PeopleQueries>().ListAsync());
        Assert.False(row.ConsentRecorded);
    }

    [Fact]
    public async Task ConsentTrueRecordsTheTimeAndTheVersionTheDeviceSendsOrTheConfiguredOne()
    {
        var api = await _app.ApiClientAsync();
        var form = AppFactory.Form("enroll/obama/1.jpg", "Barack Obama", consent: "true");
        form.Add(new StringContent("2026-11 poster"), "consent_version");
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", form)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/biden/1.jpg", "Joe Biden", consent: "true"))).StatusCode);
        var versionWithoutConsent = AppFactory.Form("enroll/alex_lacamoire/1.jpg", "Alex Lacamoire");
        versionWithoutConsent.Add(new StringContent("v9"), "consent_version");
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync("/check_in_or_out", versionWithoutConsent)).StatusCode);

        await using var db = _app.Db();
        var people = await db.People.OrderBy(p => p.Id).ToListAsync();
        Assert.Equal(2, people.Count);
        Assert.Equal("2026-11 poster", people[0].ConsentVersion);
        Assert.Equal(_app.Time.GetUtcNow().UtcDateTime, people[0].ConsentUtc);
        Assert.Equal(_app.Services.GetRequiredService<IOptions<AttendanceOptions>>().Value.ConsentVersion, people[1].ConsentVersion);
    }

    [Fact]
    public async Task WithRequireConsentARegistrationWithoutConsentIsRefused()
    {
        _app.Settings["Attendance:Api:RequireConsent"] = "true";
        var api = await _app.ApiClientAsync();

        var refused = await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("consent=true", await refused.Content.ReadAsStringAsync());
        await using var db = _app.Db();
        Assert.Equal(0, await db.People.CountAsync());
    }

    // --- 4, 18, 19, 28: erasure, the audit log and exports ---------------------------------------------------------

    [Fact]
    public async Task AfterErasureNoAuditEntryNamesThePersonAndTheirExportIsGone()
    {
        _app.Settings["Attendance:KeepRecordsOnErasure"] = "true";
        var api = await _app.ApiClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"))).StatusCode);
        int id;
        await using (var db = _app.Db()) id = (await db.People.SingleAsync()).Id;
        var people = _app.Services.GetRequiredService<PeopleService>();
        Assert.True((await people.RenameAsync(id, "Barack H. Obama", Hr, "full name of Barack Obama")).Succeeded);
        var records = _app.Services.GetRequiredService<RecordsService>();
        var row = (await records.QueryAsync(new RecordFilter(id), 0, 10)).Rows.Single();
        _app.Time.Advance(TimeSpan.FromHours(10));
        // 07:00 UTC is 08:00 in Berlin in March.
        var local = row.CheckInUtc.AddHours(1);
        var corrected = await records.CorrectAsync(row.Id, row.Version, local.AddMinutes(-5), local.AddHours(8), "Barack H. Obama forgot to check out", Hr);
        Assert.True(corrected.Succeeded, corrected.ToString());
        await _app.CreateUserAsync("hr@example.com", Roles.HR);
        var hr = await _app.SignedInClientAsync("hr@example.com");
        Assert.Equal(HttpStatusCode.OK, (await hr.GetAsync($"/admin/people/{id}/export.json")).StatusCode);

        Assert.True((await people.EraseAsync(id, Hr, "Barack Obama asked to be forgotten")).Succeeded);

        await using (var db = _app.Db())
        {
            var audit = await db.AuditEntries.ToListAsync();
            Assert.True(audit.Count >= 5);
            Assert.DoesNotContain(audit, a => $"{a.OldValues} {a.NewValues} {a.Reason}".Contains("Obama", StringComparison.OrdinalIgnoreCase));
            Assert.Contains(audit, a => a.Action == AuditActions.Rename && a.NewValues!.Contains(AuditRedaction.Redacted));
            // Who did what, and when, stays.
            Assert.Contains(audit, a => a.EntityType == AuditEntities.Record && a.UserName == "hr@example.com");
            var placeholder = await db.People.SingleAsync();
            Assert.StartsWith("\uE000", placeholder.NormalizedName);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await hr.GetAsync($"/admin/people/{id}/export.json")).StatusCode);
    }

    [Fact]
    public async Task ANameLikeAnErasurePlaceholderCannotBlockTheErasure()
    {
        _app.Settings["Attendance:KeepRecordsOnErasure"] = "true";
        var api = await _app.ApiClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"))).StatusCode);
        int id;
        await using (var db = _app.Db()) id = (await db.People.SingleAsync()).Id;
        // Someone takes the name the placeholder used to get.
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/biden/1.jpg", $"Erased person {id}"))).StatusCode);

        var erased = await _app.Services.GetRequiredService<PeopleService>().EraseAsync(id, Hr, "asked to be forgotten");

        Assert.True(erased.Succeeded, erased.ToString());
    }

    [Fact]
    public async Task ExportsAndFaceViewsAreAuditedAndTheSubjectsExportLeavesOutColleagues()
    {
        var api = await _app.ApiClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"))).StatusCode);
        int id;
        await using (var db = _app.Db()) id = (await db.People.SingleAsync()).Id;
        var hrUser = await _app.CreateUserAsync("hr@example.com", Roles.HR);
        Assert.True((await _app.Services.GetRequiredService<PeopleService>().RenameAsync(id, "Barack H. Obama", Actor.From(Principal(hrUser)), "as Jane Roe from payroll asked")).Succeeded);
        var hr = await _app.SignedInClientAsync("hr@example.com");

        var export = await hr.GetStringAsync($"/admin/people/{id}/export.json");
        Assert.Equal(HttpStatusCode.OK, (await hr.GetAsync("/admin/attendance.csv?from=2026-01-01&to=2026-12-31")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hr.GetAsync($"/admin/people/{id}/face.jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hr.GetAsync($"/admin/people/{id}/face.jpg")).StatusCode);

        await using (var db = _app.Db())
        {
            var reads = await db.AuditEntries.Where(a => a.UserName == "hr@example.com" && a.Action != AuditActions.Rename).ToListAsync();
            Assert.Single(reads, a => a.Action == AuditActions.ExportPerson && a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Single(reads, a => a.Action == AuditActions.ExportCsv && a.NewValues!.Contains("2026-01-01"));
            // A face looked at twice within the hour is one entry.
            Assert.Single(reads, a => a.Action == AuditActions.ViewFace);
        }
        // The person's own export names no colleague: not the HR user, not the reason that named someone else.
        Assert.Contains("Barack H. Obama", export);
        Assert.DoesNotContain("hr@example.com", export);
        Assert.DoesNotContain("Jane Roe", export);
        Assert.Contains("\"by\": \"staff\"", export);
    }

    private static System.Security.Claims.ClaimsPrincipal Principal(ApplicationUser user) =>
        new(new System.Security.Claims.ClaimsIdentity(
            [new(System.Security.Claims.ClaimTypes.NameIdentifier, user.Id), new(System.Security.Claims.ClaimTypes.Name, user.Email!)], "test"));

    // --- 5: erasure reaches the files -------------------------------------------------------------------------------

    [Fact]
    public async Task AfterErasureNeitherTheDatabaseNorItsWriteAheadLogHoldsTheFaceReadWithoutACheckpoint()
    {
        var api = await _app.ApiClientAsync();
        // Registered with an Idempotency-Key (its row names the person), and then wrong PINs counted against them.
        using (var keyed = new HttpRequestMessage(HttpMethod.Post, "/check_in_or_out") { Content = AppFactory.Form("enroll/obama/1.jpg", "Barack Obama", consent: "true") })
        {
            keyed.Headers.Add("Idempotency-Key", "registration-1");
            Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(keyed)).StatusCode);
        }
        byte[] descriptor, thumbnail;
        int id;
        await using (var db = _app.Db())
        {
            var template = await db.FaceTemplates.SingleAsync();
            (descriptor, thumbnail, id) = (template.Descriptor, template.Thumbnail!, template.PersonId);
        }
        // The template is in the -wal now (nothing has checkpointed it), which is where the review found it left.
        Assert.True(_app.Folder.DatabaseFilesAsCopied().Single(f => f.Name.EndsWith("-wal", StringComparison.Ordinal)).Bytes.AsSpan().IndexOf(descriptor) >= 0,
            "the test expects the new template in the write-ahead log");

        Assert.True((await _app.Services.GetRequiredService<PinService>().SetPinAsync(id, "4821", eraseFaceData: false, Hr)).Succeeded);
        Assert.Equal(CheckOutcome.BadPin, (await Pins.CheckAsync("Barack Obama", "1357", "kiosk")).Outcome);

        Assert.True((await _app.Services.GetRequiredService<PeopleService>().EraseAsync(id, Hr, "asked to be forgotten")).Succeeded);

        await using (var db = _app.Db())
        {
            // Neither the key's outcome nor the PIN lock survive with the person's id (security recheck N5).
            Assert.Empty(await db.IdempotentRequests.ToListAsync());
            Assert.Empty(await db.PinLocks.ToListAsync());
        }
        foreach (var (name, bytes) in _app.Folder.DatabaseFilesAsCopied())
        {
            Assert.True(bytes.AsSpan().IndexOf(descriptor) < 0, $"the erased descriptor is still in {name}");
            Assert.True(bytes.AsSpan().IndexOf(thumbnail.AsSpan(thumbnail.Length / 2, 64)) < 0, $"the erased thumbnail is still in {name}");
            Assert.True(bytes.AsSpan().IndexOf("Barack Obama"u8) < 0, $"the erased name is still in {name}");
        }
    }

    // --- 7, 24: PINs -----------------------------------------------------------------------------------------------

    [Fact]
    public async Task WrongPinLockoutsDoubleAndAfterTheFourthOnlyANewPinFromHrUnlocks()
    {
        var pins = _app.Services.GetRequiredService<PinService>();
        var created = await pins.CreateWithPinAsync("Ada Lovelace", "4821", Hr);
        Assert.True(created.Succeeded, created.ToString());
        var id = int.Parse(created.CreatedId!, System.Globalization.CultureInfo.InvariantCulture);

        // Lockouts of 15, 30 and 60 minutes: each ends, the next lasts twice as long.
        foreach (var minutes in new[] { 15, 30, 60 })
        {
            await WrongPinsAsync(5);
            _app.Time.Advance(TimeSpan.FromMinutes(minutes - 1));
            Assert.Equal(CheckOutcome.BadPin, (await PinAsync("4821")).Outcome);
            _app.Time.Advance(TimeSpan.FromMinutes(2));
        }
        await WrongPinsAsync(5);
        _app.Time.Advance(TimeSpan.FromDays(30));
        Assert.Equal(CheckOutcome.BadPin, (await PinAsync("4821")).Outcome);

        Assert.True((await pins.SetPinAsync(id, "7395", eraseFaceData: false, Hr)).Succeeded);
        Assert.Equal(CheckOutcome.CheckedIn, (await PinAsync("7395")).Outcome);
    }

    private Task<CheckResult> PinAsync(string pin) => Pins.CheckAsync("Ada Lovelace", pin, "kiosk:lobby");

    private async Task WrongPinsAsync(int count)
    {
        for (var i = 0; i < count; i++) Assert.Equal(CheckOutcome.BadPin, (await PinAsync("1357")).Outcome);
    }

    [Fact]
    public async Task AnUnknownNameAndAKnownOneCostTheSameWorkAndGetTheSameAnswer()
    {
        Assert.True((await _app.Services.GetRequiredService<PinService>().CreateWithPinAsync("Ada Lovelace", "4821", Hr)).Succeeded);

        var known = await Pins.CheckAsync("Ada Lovelace", "1357", "kiosk");
        var unknown = await Pins.CheckAsync("Grace Hopper", "1357", "kiosk");

        Assert.Equal(known, unknown);
        // Both were counted in the database alike (the write an attempt costs does not tell them apart): the known name
        // against its person, the unknown one against the kiosk; no typed name is kept (security recheck N8).
        await using var db = _app.Db();
        var ada = await db.People.SingleAsync();
        var attempts = await db.PinLocks.OrderBy(a => a.Subject).ToListAsync();
        Assert.Equal(["device:kiosk", $"person:{ada.Id}"], attempts.Select(a => a.Subject));
        Assert.All(attempts, a => Assert.Equal(1, a.FailedAttempts));
        Assert.Equal(ada.Id, attempts.Single(a => a.PersonId is not null).PersonId);
    }

    [Fact]
    public async Task WrongPinsForANameNobodyHasYetDoNotLockTheNewHiresPin()
    {
        // Someone types a name nobody has, again and again, before the person exists (security recheck N8).
        for (var i = 0; i < 25; i++) Assert.Equal(CheckOutcome.BadPin, (await Pins.CheckAsync("Ada Lovelace", "1357", "kiosk")).Outcome);

        Assert.True((await _app.Services.GetRequiredService<PinService>().CreateWithPinAsync("Ada Lovelace", "4821", Hr)).Succeeded);

        Assert.Equal(CheckOutcome.CheckedIn, (await Pins.CheckAsync("Ada Lovelace", "4821", "kiosk")).Outcome);
    }

    [Fact]
    public async Task PinHashesNeedTheServersPepperAndOldHashesAreUpgradedOnUse()
    {
        var pins = _app.Services.GetRequiredService<PinService>();
        var created = await pins.CreateWithPinAsync("Ada Lovelace", "4821", Hr);
        var id = int.Parse(created.CreatedId!, System.Globalization.CultureInfo.InvariantCulture);
        string hash;
        await using (var db = _app.Db()) hash = (await db.People.SingleAsync()).PinHash!;
        Assert.StartsWith("p1:", hash);
        Assert.True(_app.Services.GetRequiredService<PinHasher>().Verify(hash, "4821").Matches);
        // A stolen database alone is not enough: with another server's pepper the PIN does not verify.
        var otherServer = new PinHasher(new PinPepper(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Attendance:PinPepper"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }).Build()));
        Assert.False(otherServer.Verify(hash, "4821").Matches);

        // A hash from before the pepper still works once, and is replaced by a peppered one.
        await using (var db = _app.Db())
        {
            var person = await db.People.SingleAsync(p => p.Id == id);
            person.PinHash = new PasswordHasher<Person>().HashPassword(person, "4821");
            await db.SaveChangesAsync();
        }
        Assert.Equal(CheckOutcome.CheckedIn, (await PinAsync("4821")).Outcome);
        await using (var db = _app.Db()) Assert.StartsWith("p1:", (await db.People.SingleAsync()).PinHash);
    }

    [Theory]
    [InlineData("1212")]
    [InlineData("1987")]
    [InlineData("2580")]
    [InlineData("123123")]
    [InlineData("250390")]
    [InlineData("4545")]
    public async Task ThePinsPeoplePickFirstAreRefused(string pin)
    {
        var created = await _app.Services.GetRequiredService<PinService>().CreateWithPinAsync("Ada Lovelace", pin, Hr);
        Assert.Equal(Outcome.PinTooEasy, created.Outcome);
    }

    // --- 8: proxies, HTTPS and API keys ----------------------------------------------------------------------------

    [Fact]
    public async Task BehindAConfiguredProxyCookiesAreSecureAndHstsIsSentAndFromAnyoneElseTheHeaderIsIgnored()
    {
        using var trusting = new AppFactory();
        trusting.Settings["Security:KnownProxies:0"] = "127.0.0.1";
        trusting.UseKestrel(0);
        using var ignoring = new AppFactory();
        ignoring.UseKestrel(0);

        var behindProxy = await LoginPageAsync(trusting, forwardedHttps: true);
        var plain = await LoginPageAsync(trusting, forwardedHttps: false);
        var spoofed = await LoginPageAsync(ignoring, forwardedHttps: true);

        Assert.All(behindProxy.Headers.GetValues("Set-Cookie"), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.True(behindProxy.Headers.Contains("Strict-Transport-Security"));
        Assert.DoesNotContain(plain.Headers.GetValues("Set-Cookie"), c => c.Contains("secure", StringComparison.OrdinalIgnoreCase) && Fail("plain: " + c));
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
        Assert.DoesNotContain(spoofed.Headers.GetValues("Set-Cookie"), c => c.Contains("secure", StringComparison.OrdinalIgnoreCase) && Fail("spoofed: " + c));
        Assert.False(spoofed.Headers.Contains("Strict-Transport-Security"));
    }

    private static bool Fail(string m) => throw new Xunit.Sdk.XunitException(m);

    private static async Task<HttpResponseMessage> LoginPageAsync(AppFactory app, bool forwardedHttps)
    {
        app.StartServer();
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/setup");
        // A real host name: HSTS is never sent for localhost.
        request.Headers.Host = "attendance.example";
        if (forwardedHttps) request.Headers.Add("X-Forwarded-Proto", "https");
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task WithRequireHttpsPlainHttpPagesAreRedirectedAndApiCallsRefused()
    {
        _app.Settings["Security:RequireHttps"] = "true";
        var api = await _app.ApiClientAsync();
        var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var call = await api.GetAsync("/attendance?name=x");
        var page = await browser.GetAsync("/Account/Login");
        var secure = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

        Assert.Equal(HttpStatusCode.BadRequest, call.StatusCode);
        Assert.Contains("HTTPS only", await call.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.PermanentRedirect, page.StatusCode);
        Assert.StartsWith("https://", page.Headers.Location?.ToString());
        var overHttps = await secure.GetAsync("/setup");
        Assert.Equal(HttpStatusCode.OK, overHttps.StatusCode);
        Assert.All(overHttps.Headers.GetValues("Set-Cookie"), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void TheWrongKeyCounterStaysBoundedWhateverTheAddressesAndIpv6CountsByNetwork()
    {
        var limiter = new AttemptLimiter(3, TimeSpan.FromMinutes(5), 100, _app.Time);
        for (var i = 0; i < 3; i++) limiter.Count("198.51.100.7");
        for (var i = 0; i < 10_000; i++) limiter.Count($"10.{i / 65536}.{i / 256 % 256}.{i % 256}");

        Assert.True(limiter.TrackedKeys <= 101, $"{limiter.TrackedKeys} addresses tracked");
        Assert.NotNull(limiter.Blocked("198.51.100.7"));
        Assert.Equal(AttemptLimiter.AddressKey(IPAddress.Parse("2001:db8:1:2::1")), AttemptLimiter.AddressKey(IPAddress.Parse("2001:db8:1:2:ffff::9")));
        Assert.NotEqual(AttemptLimiter.AddressKey(IPAddress.Parse("2001:db8:1:2::1")), AttemptLimiter.AddressKey(IPAddress.Parse("2001:db8:1:3::1")));
        Assert.Equal("192.0.2.1", AttemptLimiter.AddressKey(IPAddress.Parse("::ffff:192.0.2.1")));
    }

    // --- 9: resources ----------------------------------------------------------------------------------------------

    [Fact]
    public async Task AHugePngIsRefusedFromItsHeaderBeforeAnyPixelIsDecoded()
    {
        var api = await _app.ApiClientAsync();
        // One colour, as the review's: 6300 x 6300 pixels (159 MB decoded) in a file of a few hundred kilobytes.
        var png = TestImages.Png(6300, 6300, colorType: 2, bitDepth: 8, (_, _, _) => 200, System.IO.Compression.CompressionLevel.SmallestSize);
        Assert.True(png.Length < 400_000, $"{png.Length} bytes");
        var described = _app.RecognitionFailures.Calls;

        var refused = await api.PostAsync("/check_in_or_out", AppFactory.Form(null, "Anyone", bytes: png, fileName: "x.png"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("6300 x 6300 pixels", await refused.Content.ReadAsStringAsync());
        Assert.Equal(described, _app.RecognitionFailures.Calls);
    }

    [Fact]
    public async Task AStillLargerThanTheLimitIsDecodedScaledDownAndRecognised()
    {
        var api = await _app.ApiClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"))).StatusCode);
        _app.Time.Advance(TimeSpan.FromHours(1));
        var big = Enlarged(File.ReadAllBytes(TestFaces.PathOf("probe/obama.jpg")), 6000);

        var response = await api.PostAsync("/check_in_or_out", AppFactory.Form(null, bytes: big));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Barack Obama checked out", await response.Content.ReadAsStringAsync());
    }

    /// <summary>The photo scaled up so that its longer side is <paramref name="longSide"/> pixels, as a JPEG.</summary>
    private static byte[] Enlarged(byte[] photo, int longSide)
    {
        using var source = SKBitmap.Decode(photo);
        var scale = (float)longSide / Math.Max(source.Width, source.Height);
        using var large = source.Resize(new SKImageInfo((int)(source.Width * scale), (int)(source.Height * scale)), new SKSamplingOptions(SKFilterMode.Linear));
        Assert.True((long)large.Width * large.Height > 16_000_000, $"{large.Width} x {large.Height} is not over the limit");
        using var image = SKImage.FromBitmap(large);
        return image.Encode(SKEncodedImageFormat.Jpeg, 85).ToArray();
    }

    [Fact]
    public async Task ACrowdIsRefusedAfterDetectionWithoutDescribingAnyFace()
    {
        var api = await _app.ApiClientAsync();
        var described = _app.RecognitionFailures.Calls;

        var response = await api.PostAsync("/check_in_or_out", AppFactory.Form("edge/obama_and_biden.jpg", "Anyone"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("one person at a time", await response.Content.ReadAsStringAsync());
        Assert.Equal(described, _app.RecognitionFailures.Calls);
    }

    [Fact]
    public async Task WhenEverySlotIsTakenAndTheQueueIsFullAStillIsAnswered503WithRetryAfter()
    {
        _app.Settings["Recognition:MaxConcurrentAnalyses"] = "1";
        _app.Settings["Recognition:AnalysisQueueLimit"] = "0";
        var api = await _app.ApiClientAsync();
        var gate = _app.Services.GetRequiredService<RecognitionGate>();
        // Taken as another request would hold it.
        var held = await gate.EnterAsync(Arrival.Now(_app.Time), TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.NotNull(held);

        var busy = await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"));
        held!.Dispose();
        var free = await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.True(busy.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Contains("try again in", await busy.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, free.StatusCode);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.True(condition());
    }

    [Fact]
    public async Task AKioskPageOverItsCheckInsPerMinuteIsAskedToWaitAndNothingIsAnalysed()
    {
        _ = _app.Services;
        var limiter = new AttemptLimiter(2, TimeSpan.FromMinutes(1), 100, _app.Time);
        using var kiosk = new KioskController(_app.Services.GetRequiredService<CheckIns>(),
            _app.Services.GetRequiredService<IOptions<AttendanceOptions>>().Value, _app.Time, NullLogger.Instance)
        {
            Device = "kiosk:lobby",
            AllowAttempt = () => limiter.Count("page") is null,
        };
        kiosk.CameraStarted(new CameraStart(true, null));
        var photo = File.ReadAllBytes(TestFaces.PathOf("probe/obama.jpg"));
        for (var i = 0; i < 2; i++)
        {
            await kiosk.SubmitStillAsync(photo);
            Assert.Equal(KioskState.NeedsName, kiosk.State);
            kiosk.Cancel();
        }
        var described = _app.RecognitionFailures.Calls;

        await kiosk.SubmitStillAsync(photo);

        Assert.Equal(KioskState.Result, kiosk.State);
        Assert.Equal(KioskNotice.TooManyAttempts, kiosk.Notice);
        Assert.Equal(described, _app.RecognitionFailures.Calls);
        _app.Time.Advance(TimeSpan.FromMinutes(1));
        kiosk.Cancel();
        await kiosk.SubmitStillAsync(photo);
        Assert.Equal(KioskState.NeedsName, kiosk.State);
    }

    // --- 15: first run ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task SetupNeedsTheCodeFromTheConsoleAndTwoSimultaneousSetupsMakeOneAdmin()
    {
        var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var code = _app.Services.GetRequiredService<FirstRunState>().SetupCode;

        var wrong = await PostSetupAsync(browser, "AAAA-BBBB-CCCC");
        Assert.Contains("not the setup code", await wrong.Content.ReadAsStringAsync());
        Assert.False(await _app.Services.GetRequiredService<AccountService>().AnyAccountAsync());

        var right = await PostSetupAsync(browser, code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.True(await _app.Services.GetRequiredService<AccountService>().AnyAccountAsync());

        var accounts = _app.Services.GetRequiredService<AccountService>();
        await using (var db = _app.Db())
        {
            db.Users.RemoveRange(db.Users);
            await db.SaveChangesAsync();
        }
        var both = await Task.WhenAll(
            Task.Run(() => accounts.CreateFirstAdminAsync("one@example.com", SignIn.Password)),
            Task.Run(() => accounts.CreateFirstAdminAsync("two@example.com", SignIn.Password)));
        Assert.Single(both, r => r.Succeeded);
        Assert.Single(both, r => r.Outcome == Outcome.SetupDone);
        await using (var db = _app.Db()) Assert.Equal(1, await db.Users.CountAsync());
    }

    private static async Task<HttpResponseMessage> PostSetupAsync(HttpClient browser, string code)
    {
        var form = await browser.GetStringAsync("/setup");
        return await browser.PostAsync("/setup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SignIn.AntiforgeryToken(form),
            ["_handler"] = "setup",
            ["Input.SetupCode"] = code,
            ["Input.Email"] = "admin@example.com",
            ["Input.Password"] = SignIn.Password,
            ["Input.ConfirmPassword"] = SignIn.Password,
        }));
    }

    // --- 16: role changes ------------------------------------------------------------------------------------------

    [Fact]
    public async Task ARemovedRoleStopsTheOldCookieWithinAMinute()
    {
        _ = await _app.CreateUserAsync("admin@example.com", Roles.Admin);
        var hrUser = await _app.CreateUserAsync("hr@example.com", Roles.HR);
        var hr = await _app.SignedInClientAsync("hr@example.com");
        Assert.Equal(HttpStatusCode.OK, (await hr.GetAsync("/admin/attendance.csv")).StatusCode);

        Assert.True((await _app.Services.GetRequiredService<AccountService>().SetRolesAsync(hrUser.Id, [], Hr)).Succeeded);
        _app.Time.Advance(TimeSpan.FromSeconds(61));

        var after = await hr.GetAsync("/admin/attendance.csv");
        Assert.NotEqual(HttpStatusCode.OK, after.StatusCode);
    }

    // --- 21: CSP ---------------------------------------------------------------------------------------------------

    [Fact]
    public async Task ScriptsRunOnlyFromThisOriginOrWithThisResponsesNonce()
    {
        var client = _app.CreateClient();
        var first = await client.GetAsync("/setup");
        var second = await client.GetAsync("/setup");

        var policy = first.Headers.GetValues("Content-Security-Policy").Single();
        var scriptSrc = policy.Split(';').Select(p => p.Trim()).Single(p => p.StartsWith("script-src", StringComparison.Ordinal));
        Assert.DoesNotContain("unsafe-inline", scriptSrc);
        var nonce = NoncePattern().Match(scriptSrc).Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\"", await first.Content.ReadAsStringAsync());
        Assert.DoesNotContain($"'nonce-{nonce}'", second.Headers.GetValues("Content-Security-Policy").Single());
    }

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex NoncePattern();

    // --- 22: Data Protection keys ----------------------------------------------------------------------------------

    [Fact]
    public async Task WithACertificateConfiguredTheDataProtectionKeysAreEncryptedAtRest()
    {
        var pfx = Path.Combine(_app.Folder.Directory.FullName, "keys.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=AttendanceBlazor keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-password"));
        }
        _app.Settings["DataProtection:CertificatePath"] = pfx;
        _app.Settings["DataProtection:CertificatePassword"] = "pfx-password";

        // Any form makes the app create its first key.
        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient().GetAsync("/setup")).StatusCode);

        var keys = Directory.GetFiles(_app.Folder.KeysDirectory, "key-*.xml").Select(File.ReadAllText).ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("EncryptedData", xml);
            Assert.DoesNotContain("<masterKey", xml);
        });
    }

    // --- 20: face data of people who left --------------------------------------------------------------------------

    [Fact]
    public async Task TheFaceDataOfSomeoneDeactivatedIsDeletedAfterTheDefaultPeriodTheirNameAndRecordsStay()
    {
        var api = await _app.ApiClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/biden/1.jpg", "Joe Biden"))).StatusCode);
        int obama;
        await using (var db = _app.Db()) obama = await db.People.Where(p => p.DisplayName == "Barack Obama").Select(p => p.Id).SingleAsync();
        Assert.True((await _app.Services.GetRequiredService<PeopleService>().SetActiveAsync(obama, false, Hr, "left")).Succeeded);
        var retention = _app.Services.GetRequiredService<Retention>();

        _app.Time.Advance(TimeSpan.FromDays(179));
        Assert.Equal(0, (await retention.RunOnceAsync()).TemplatesDeleted);
        _app.Time.Advance(TimeSpan.FromDays(2));
        var result = await retention.RunOnceAsync();

        Assert.Equal(1, result.PeopleFaceDataErased);
        await using (var db = _app.Db())
        {
            Assert.Equal(["Joe Biden"], await db.FaceTemplates.Select(t => t.Person!.DisplayName).ToListAsync());
            Assert.Equal(2, await db.People.CountAsync());
            Assert.Equal(2, await db.AttendanceRecords.CountAsync());
        }
    }

    [Fact]
    public async Task OpeningTheAuthenticatorSetupKeepsTheAccountSignedInEverywhere()
    {
        // Opening the page used to renew the security stamp (a first authenticator key through UserManager), and the
        // one-minute revalidation then signed the account out of every browser, the kiosk included.
        var user = await _app.CreateUserAsync("ann@example.com", Roles.Employee);
        var client = await _app.SignedInClientAsync("ann@example.com");

        var page = await client.GetAsync("/Account/Manage/EnableAuthenticator");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("otpauth://totp/", await page.Content.ReadAsStringAsync());
        await using var db = _app.Db();
        var stored = await db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id);
        Assert.Equal(user.SecurityStamp, stored.SecurityStamp);
        Assert.True(await db.UserTokens.AnyAsync(t => t.UserId == user.Id && t.Name == "AuthenticatorKey"));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();
}
