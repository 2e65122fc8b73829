using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AttendanceBlazor.EndToEnd.Tests;

/// <summary>
/// An employee checks in and out from their own browser tab with the fake camera (Barack Obama's photo): on My
/// attendance at desktop size and on a phone, the app bar's control, another person's account refused with an audit
/// entry, and the allowed networks (the browser comes from 127.0.0.1).
/// </summary>
public sealed class PersonalCheckInTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Password = "Employee-Password-1";

    /// <summary>
    /// Barack Obama (the fake camera's face), registered through the API and linked to barack@example.com, checked
    /// out: the tests of this class share one app and may run in any order.
    /// </summary>
    private async Task BarackCheckedOutAsync()
    {
        if (!await Kiosks.DbAsync(app, db => db.People.AnyAsync(p => p.DisplayName == "Barack Obama")))
        {
            await EmployeeOfAsync("barack@example.com", "enroll/obama/2.jpg", "Barack Obama");
        }
        app.Time.Advance(TimeSpan.FromHours(1));
        if (await Kiosks.DbAsync(app, db => db.AttendanceRecords.AnyAsync(r => r.Person!.DisplayName == "Barack Obama" && r.CheckOutUtc == null)))
        {
            await Kiosks.CheckThroughApiAsync(app, "enroll/obama/2.jpg");
            app.Time.Advance(TimeSpan.FromHours(1));
        }
    }

    private async Task<string> EmployeeOfAsync(string email, string photo, string name)
    {
        await Kiosks.RegisterThroughApiAsync(app, photo, name);
        return await Kiosks.EmployeeOfAsync(app, email, Password, name);
    }

    private async Task SetAsync(Action<SettingsForm> change)
    {
        var settings = app.Services.GetRequiredService<SettingsService>();
        var form = await settings.LoadAsync();
        change(form);
        Assert.True((await settings.SaveAsync(form, Actor.System)).Succeeded);
    }

    private static ILocator Result(IPage page) => page.GetByTestId("personal-result");

    [Fact]
    public async Task AnEmployeeChecksInAndOutFromTheirOwnTabAtDesktopSizeAndOnAPhone()
    {
        await BarackCheckedOutAsync();

        var page = await app.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        await new LoginPage(page, app.BaseUrl).LogInAsync("barack@example.com", Password);
        await page.OpenInteractiveAsync($"{app.BaseUrl}/me");
        var check = page.GetByTestId("personal-check");
        await Assertions.Expect(check).ToHaveTextAsync("Check in");
        await check.ClickAsync();
        await Assertions.Expect(Result(page)).ToContainTextAsync("Checked in at", new() { Timeout = 30_000 });
        await Assertions.Expect(check).ToHaveTextAsync("Check out");
        await Screenshot(page, "me-checked-in");

        // On a phone, eight hours later: the app bar's control starts the check-out on My attendance.
        app.Time.Advance(TimeSpan.FromHours(8));
        var phone = await app.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        await new LoginPage(phone, app.BaseUrl).LogInAsync("barack@example.com", Password);
        await phone.OpenInteractiveAsync($"{app.BaseUrl}/me");
        await Assertions.Expect(phone.GetByTestId("personal-check")).ToHaveTextAsync("Check out");
        await phone.GetByTestId("personal-check").TapAsync();
        await Assertions.Expect(Result(phone)).ToContainTextAsync("Checked out at", new() { Timeout = 30_000 });
        // The app bar follows at once, and keeps to one line at phone width (icons only, each with its name).
        await Assertions.Expect(phone.GetByRole(AriaRole.Button, new() { Name = "Check in", Exact = true }).First).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByTestId("appbar-check")).ToHaveAttributeAsync("aria-label", "Check in");
        var bar = await phone.Locator("header.mud-appbar").BoundingBoxAsync();
        Assert.True(bar is { Height: < 60 }, $"the app bar is {bar?.Height} px high at 390 px wide");
        await Screenshot(phone, "me-phone-checked-out");

        var record = await Kiosks.DbAsync(app, db => db.AttendanceRecords.Where(r => r.Person!.DisplayName == "Barack Obama").OrderBy(r => r.Id).LastAsync());
        Assert.Equal((AttendanceSource.Personal, AttendanceSource.Personal), (record.Source, record.CheckOutSource!.Value));
        Assert.Equal("127.0.0.1", record.CheckInAddress);
        Assert.Equal(TimeSpan.FromHours(8), record.CheckOutUtc - record.CheckInUtc);
    }

    [Fact]
    public async Task AnotherPersonsFaceAtTheirTabRecordsNothingAndLeavesAnAuditEntry()
    {
        // Joe Biden's account, Barack Obama's face at the camera.
        var userId = await EmployeeOfAsync("joe@example.com", "enroll/biden/1.jpg", "Joe Biden");
        app.Time.Advance(TimeSpan.FromHours(1));
        await Kiosks.CheckThroughApiAsync(app, "enroll/biden/1.jpg");
        app.Time.Advance(TimeSpan.FromHours(1));

        var page = await app.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        await new LoginPage(page, app.BaseUrl).LogInAsync("joe@example.com", Password);
        // The app bar's control: one press, and the check-in runs on My attendance.
        await page.OpenInteractiveAsync($"{app.BaseUrl}/");
        // Every address the tab goes through is kept from before the click: the card replaces ?checkin=true at once,
        // so a wait started after the click can miss it altogether (it did, once, in CI).
        var addresses = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame) addresses.Enqueue(frame.Url); };
        await page.GetByTestId("appbar-check").ClickAsync();
        await Assertions.Expect(Result(page)).ToContainTextAsync("not the face registered for you", new() { Timeout = 30_000 });
        Assert.Contains(addresses, url => url.Contains("/me?checkin=true", StringComparison.Ordinal));
        Assert.Empty(await AxeScan.SeriousAtBothSizesAsync(page, "/me face mismatch"));

        Assert.False(await Kiosks.DbAsync(app, db => db.AttendanceRecords.AnyAsync(r => r.Person!.DisplayName == "Joe Biden" && r.CheckOutUtc == null)));
        Assert.True(await Kiosks.DbAsync(app, db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.PersonalFaceMismatch && a.UserId == userId)));
    }

    [Fact]
    public async Task FromOutsideTheAllowedNetworksTheCheckInIsRefusedOrRecordedAsRemoteAsSettingsSay()
    {
        await BarackCheckedOutAsync();
        await SetAsync(f => { f.PersonalNetworks = "10.0.0.0/8"; f.OutsideNetworks = OutsideNetworkPolicy.Refuse; });
        try
        {
            var page = await app.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
            await new LoginPage(page, app.BaseUrl).LogInAsync("barack@example.com", Password);
            await page.OpenInteractiveAsync($"{app.BaseUrl}/me");
            await Assertions.Expect(page.GetByText("Checking in is not allowed from this network")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("personal-check")).ToHaveCountAsync(0);
            // The same on a phone: said in words, no button, nothing wider than the screen.
            var phone = await app.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
            await new LoginPage(phone, app.BaseUrl).LogInAsync("barack@example.com", Password);
            await phone.OpenInteractiveAsync($"{app.BaseUrl}/me");
            await Assertions.Expect(phone.GetByText("Checking in is not allowed from this network")).ToBeVisibleAsync();
            await Assertions.Expect(phone.GetByTestId("personal-check")).ToHaveCountAsync(0);
            Assert.Empty(await AxeScan.SeriousAsync(phone, "/me outside the allowed networks"));

            await SetAsync(f => f.OutsideNetworks = OutsideNetworkPolicy.MarkRemote);
            await page.OpenInteractiveAsync($"{app.BaseUrl}/me");
            await Assertions.Expect(page.GetByText("recorded as remote")).ToBeVisibleAsync();
            await phone.OpenInteractiveAsync($"{app.BaseUrl}/me");
            await Assertions.Expect(phone.GetByText("recorded as remote")).ToBeVisibleAsync();
            await page.GetByTestId("personal-check").ClickAsync();
            await Assertions.Expect(Result(page)).ToContainTextAsync("Checked in at", new() { Timeout = 30_000 });
            var record = await Kiosks.DbAsync(app, db => db.AttendanceRecords.SingleAsync(r => r.Person!.DisplayName == "Barack Obama" && r.CheckOutUtc == null));
            Assert.True(record.CheckInRemote);
        }
        finally
        {
            await SetAsync(f => { f.PersonalNetworks = ""; f.OutsideNetworks = OutsideNetworkPolicy.Refuse; });
        }
    }

    private static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotDirectory, name + ".png"), FullPage = true });
}
