using System.Net;
using AttendanceBlazor.Application.Devices;
using AttendanceBlazor.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceBlazor.Web.Tests;

/// <summary>
/// A kiosk paired by a one-time code: the tablet types the code at /kiosk/pair and from then on is that kiosk by a
/// cookie that opens the kiosk page only; the code works once and for ten minutes; a revocation ends it.
/// </summary>
public sealed class KioskPairingTests : IDisposable
{
    private static readonly Actor Admin = new(null, "admin@example.com");
    private readonly AppFactory _app = new();

    private DeviceService Devices => _app.Services.GetRequiredService<DeviceService>();

    private HttpClient Tablet() => _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static async Task<HttpResponseMessage> PairAsync(HttpClient tablet, string code)
    {
        var form = await tablet.GetStringAsync("/kiosk/pair");
        return await tablet.PostAsync("/kiosk/pairing", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SignIn.AntiforgeryToken(form),
            ["code"] = code,
        }));
    }

    [Fact]
    public async Task APairedTabletOpensTheKioskWithNoAccountAndNothingElse()
    {
        await _app.CreateUserAsync("admin@example.com", Roles.Admin);
        var created = await Devices.CreateKioskAsync("Lobby tablet", Admin);
        Assert.True(created.Succeeded, created.ToString());
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}$", created.Secret);

        var tablet = Tablet();
        Assert.Equal(HttpStatusCode.Redirect, (await tablet.GetAsync("/kiosk")).StatusCode);
        // Typed in lower case with a space instead of the dash: the same code.
        var paired = await PairAsync(tablet, created.Secret!.ToLowerInvariant().Replace('-', ' '));
        Assert.Equal(HttpStatusCode.Redirect, paired.StatusCode);
        Assert.Equal("/kiosk", paired.Headers.Location?.OriginalString);
        var cookie = paired.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("att_kiosk=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        var kiosk = await tablet.GetAsync("/kiosk");
        Assert.Equal(HttpStatusCode.OK, kiosk.StatusCode);
        Assert.Contains("<title>Kiosk</title>", await kiosk.Content.ReadAsStringAsync());
        // Only the kiosk: every other page sees nobody signed in.
        foreach (var page in new[] { "/me", "/admin/people", "/Account/Manage" })
        {
            var other = await tablet.GetAsync(page);
            Assert.True(other.StatusCode == HttpStatusCode.Redirect && other.Headers.Location!.OriginalString.Contains("Account/Login", StringComparison.Ordinal), page);
        }
        // The cookie's secret is no API key.
        var secret = cookie.Split(';')[0]["att_kiosk=".Length..];
        var api = _app.CreateClient();
        api.DefaultRequestHeaders.Add("X-Api-Key", Uri.UnescapeDataString(secret));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/attendance?name=x")).StatusCode);

        // The code worked once.
        var again = await PairAsync(Tablet(), created.Secret!);
        Assert.Equal("/kiosk/pair?failed=code", again.Headers.Location?.OriginalString);
        await using var db = _app.Db();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.DevicePaired && a.UserName == "kiosk:Lobby tablet"));
    }

    [Fact]
    public async Task APairedKiosksLastSeenFollowsItsUseAtMostOnceAMinute()
    {
        await _app.CreateUserAsync("admin@example.com", Roles.Admin);
        var created = await Devices.CreateKioskAsync("Lobby tablet", Admin);
        var tablet = Tablet();
        Assert.Equal(HttpStatusCode.Redirect, (await PairAsync(tablet, created.Secret!)).StatusCode);
        async Task<DateTime?> LastSeenAsync()
        {
            await using var db = _app.Db();
            return (await db.Devices.SingleAsync(d => d.Name == "Lobby tablet")).LastSeenUtc;
        }
        var paired = await LastSeenAsync();

        // An hour later the tablet opens the kiosk: seen now. Thirty seconds later, no write; the page's next
        // minutely check (or check-in) a minute on notes it again.
        _app.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.OK, (await tablet.GetAsync("/kiosk")).StatusCode);
        var opened = await LastSeenAsync();
        Assert.Equal(paired!.Value.AddHours(1), opened!.Value, TimeSpan.FromSeconds(1));
        _app.Time.Advance(TimeSpan.FromSeconds(30));
        await using (var db = _app.Db()) Assert.True(await Devices.IsActiveKioskAsync((await db.Devices.SingleAsync()).Id));
        Assert.Equal(opened, await LastSeenAsync());
        _app.Time.Advance(TimeSpan.FromSeconds(31));
        await using (var db = _app.Db()) Assert.True(await Devices.IsActiveKioskAsync((await db.Devices.SingleAsync()).Id));
        Assert.Equal(opened.Value.AddSeconds(61), (await LastSeenAsync())!.Value, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task ACodeLastsTenMinutesAndAWrongOneGetsTheSameAnswer()
    {
        await _app.CreateUserAsync("admin@example.com", Roles.Admin);
        var created = await Devices.CreateKioskAsync("Back door", Admin);
        Assert.Equal("/kiosk/pair?failed=code", (await PairAsync(Tablet(), "ABCD-EFGH")).Headers.Location?.OriginalString);
        _app.Time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        var late = await PairAsync(Tablet(), created.Secret!);
        Assert.Equal("/kiosk/pair?failed=code", late.Headers.Location?.OriginalString);
        Assert.DoesNotContain(late.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("att_kiosk=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignInsFromTheSameOfficeDoNotHoldPairingOffAndPairingHasItsOwnLimit()
    {
        _app.Settings["RateLimits:SignInPerAddressPerMinute"] = "10";
        await _app.CreateUserAsync("admin@example.com", Roles.Admin);
        var created = await Devices.CreateKioskAsync("Lobby tablet", Admin);
        // Colleagues behind the same address sign in, and fail, eleven times (security recheck N9).
        var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        for (var i = 0; i < 11; i++) await SignIn.PostLoginAsync(browser, $"someone{i}@example.com", "Wrong-password-1");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignIn.PostLoginAsync(browser, "someone@example.com", "Wrong-password-1")).StatusCode);

        var paired = await PairAsync(Tablet(), created.Secret!);
        Assert.Equal("/kiosk", paired.Headers.Location?.OriginalString);

        // Codes have a limit of their own: with the right one above, the eleventh try in a minute is asked to wait.
        for (var i = 0; i < 9; i++) Assert.Equal("/kiosk/pair?failed=code", (await PairAsync(Tablet(), "ABCD-EFGH")).Headers.Location?.OriginalString);
        Assert.Equal("/kiosk/pair?failed=wait", (await PairAsync(Tablet(), "ABCD-EFGH")).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ARevokedKioskIsRefusedOnItsNextRequest()
    {
        await _app.CreateUserAsync("admin@example.com", Roles.Admin);
        var created = await Devices.CreateKioskAsync("Canteen", Admin);
        var tablet = Tablet();
        await PairAsync(tablet, created.Secret!);
        Assert.Equal(HttpStatusCode.OK, (await tablet.GetAsync("/kiosk")).StatusCode);
        var id = int.Parse(created.CreatedId!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await Devices.IsActiveKioskAsync(id));

        Assert.True((await Devices.RevokeAsync(id, Admin)).Succeeded);

        Assert.Equal(HttpStatusCode.Redirect, (await tablet.GetAsync("/kiosk")).StatusCode);
        Assert.False(await Devices.IsActiveKioskAsync(id));
    }

    public void Dispose() => _app.Dispose();
}
