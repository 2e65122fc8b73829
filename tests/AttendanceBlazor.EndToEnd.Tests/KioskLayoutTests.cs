using AttendanceBlazor.Application.Accounts;
using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Application.People;
using AttendanceBlazor.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AttendanceBlazor.EndToEnd.Tests;

/// <summary>
/// The kiosk as a kiosk: its own layout with no way off the page but an Admin's sign-in, and a PIN check-in done
/// with the keyboard alone, focus visible at every step.
/// </summary>
public sealed class KioskLayoutTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string KioskEmail = "lobby-tablet@example.com";
    private const string KioskPassword = "Kiosk-Password-1";

    private async Task KioskAccountAsync()
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByEmailAsync(KioskEmail) is not null) return;
        var user = new ApplicationUser { UserName = KioskEmail, Email = KioskEmail, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, KioskPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Kiosk)).Succeeded);
    }

    /// <summary>The addresses of the links a person can see (and so follow) on the page.</summary>
    private static Task<string[]> VisibleLinksAsync(IPage page) =>
        page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('a[href]')).filter(a => a.offsetParent !== null).map(a => a.href)");

    [Fact]
    public async Task AKioskAccountSeesOnlyTheKioskAndLeavesOnlyWithAnAdminsSignIn()
    {
        await KioskAccountAsync();
        var page = await app.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        await new LoginPage(page, app.BaseUrl).LogInAsync(KioskEmail, KioskPassword);
        // Signed in, the tablet is at the kiosk; every other page of the app leads back to it.
        await page.WaitForURLAsync(url => url.EndsWith("/kiosk", StringComparison.Ordinal));
        foreach (var elsewhere in new[] { "", "me", "Account/Manage", "admin/people" })
        {
            await page.GotoAsync($"{app.BaseUrl}/{elsewhere}");
            await page.WaitForURLAsync(url => url.EndsWith("/kiosk", StringComparison.Ordinal));
        }
        var kiosk = new KioskPage(page, app.BaseUrl);
        await kiosk.OpenAsync();

        Assert.Equal(0, await page.Locator("nav").CountAsync());
        Assert.Equal(0, await page.Locator("header.mud-appbar").CountAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).CountAsync());
        Assert.Empty(await VisibleLinksAsync(page));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Check in or out" })).ToHaveCSSAsync("font-size", "24px");
        await Screenshot(page, "kiosk-layout");
        // The space bar is named where a keyboard is likely, not at a phone's width.
        await Assertions.Expect(page.GetByText("or press the space bar")).ToBeVisibleAsync();
        await page.SetViewportSizeAsync(390, 844);
        await Assertions.Expect(page.GetByText("or press the space bar")).ToBeHiddenAsync();
        await page.SetViewportSizeAsync(1280, 800);

        // HR is not an Admin: the kiosk stays.
        await page.GetByTestId("kiosk-exit").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Email").FillAsync(BrowserApp.HrEmail);
        await dialog.GetByLabel("Password").FillAsync(BrowserApp.HrPassword);
        await dialog.GetByLabel("Password").PressAsync("Enter");
        await Assertions.Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("not an administrator");
        Assert.EndsWith("/kiosk", page.Url, StringComparison.Ordinal);

        // An Admin's e-mail and password end the kiosk account's session; the tablet is at the sign-in page.
        await dialog.GetByLabel("Email").FillAsync(BrowserApp.AdminEmail);
        await dialog.GetByLabel("Password").FillAsync(BrowserApp.AdminPassword);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Exit the kiosk" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Account/Login", StringComparison.Ordinal));
        await page.GotoAsync($"{app.BaseUrl}/kiosk");
        await page.WaitForURLAsync(url => url.Contains("/Account/Login", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheKeyboardAloneCompletesAPinCheckInWithFocusAlwaysVisible()
    {
        var created = await app.Services.GetRequiredService<PinService>().CreateWithPinAsync("Ada Lovelace", "583920", Actor.System);
        Assert.True(created.Succeeded, created.ToString());
        var (page, _) = await Kiosks.OpenAsync(app);

        // The kiosk's main action is the first Tab stop; the PIN is the next one.
        async Task<(string Text, string Outline)> TabAsync()
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string[]>(
                "() => { const e = document.activeElement; const s = getComputedStyle(e); return [ (e.innerText || e.getAttribute('aria-label') || e.tagName).trim(), s.outlineStyle + ' ' + s.outlineWidth ]; }");
            return (focused[0], focused[1]);
        }
        var first = await TabAsync();
        Assert.Equal("CHECK IN OR OUT", first.Text.ToUpperInvariant());
        Assert.Equal("solid 3px", first.Outline);
        var second = await TabAsync();
        Assert.Equal("USE PIN INSTEAD", second.Text.ToUpperInvariant());
        Assert.Equal("solid 3px", second.Outline);
        await page.Keyboard.PressAsync("Enter");

        var name = page.GetByLabel("Your name");
        await Assertions.Expect(name).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Ada Lovelace");
        await page.Keyboard.PressAsync("Tab");
        var pin = page.GetByLabel("PIN", new() { Exact = true });
        await Assertions.Expect(pin).ToBeFocusedAsync();
        await Assertions.Expect(pin).ToHaveAttributeAsync("inputmode", "numeric");
        await page.Keyboard.TypeAsync("583920");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByTestId("kiosk-direction")).ToHaveTextAsync("Checked in", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Welcome, Ada Lovelace!");
        var record = await Kiosks.DbAsync(app, db => db.AttendanceRecords.SingleAsync(r => r.Person!.DisplayName == "Ada Lovelace"));
        Assert.Equal(AttendanceSource.Pin, record.Source);
    }

    [Fact]
    public async Task AfterAnAutomaticCloseTheKioskAsksWhenThePersonLeftAndHrsConfirmationChangesTheRecord()
    {
        // Barack Obama (the fake camera's face) checks in through a device and forgets to check out.
        await Kiosks.RegisterThroughApiAsync(app, "enroll/obama/2.jpg", "Barack Obama");
        app.Time.Advance(TimeSpan.FromHours(17));
        // The host's own job may have closed it already as the clock moved; running it again changes nothing then.
        await app.Services.GetRequiredService<Application.Jobs.AutoCheckout>().CloseForgottenAsync();
        app.Time.Advance(TimeSpan.FromHours(7));
        var closed = await Kiosks.DbAsync(app, db => db.AttendanceRecords.SingleAsync(r => r.Person!.DisplayName == "Barack Obama"));
        Assert.True(closed.AutoClosed);
        var settings = await app.Services.GetRequiredService<Application.Settings.AttendanceSettings>().GetAsync();
        var left = settings.ToLocal(closed.CheckInUtc).AddHours(9).AddMinutes(15);

        var (page, kiosk) = await Kiosks.OpenAsync(app);
        await kiosk.PressCheckAsync();
        await Assertions.Expect(page.GetByTestId("kiosk-direction")).ToHaveTextAsync("Checked in", new() { Timeout = 30_000 });
        var question = page.GetByTestId("forgotten-question");
        await Assertions.Expect(question).ToContainTextAsync("You did not check out on");
        Assert.Empty(await AxeScan.SeriousAtBothSizesAsync(page, "/kiosk forgotten check-out question"));
        // Large lists for the hour and the minute (the day too when the record spans two), in the kiosk's language.
        if (await question.GetByTestId("forgotten-day").CountAsync() > 0) await question.GetByLabel("Day").SelectOptionAsync(left.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await question.GetByLabel("Hour").SelectOptionAsync(left.Hour.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await question.GetByLabel("Minute").SelectOptionAsync(left.Minute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Screenshot(page, "kiosk-forgotten-check-out");
        await question.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(question).ToContainTextAsync("HR will confirm your check-out");

        // HR, in a browser of their own, applies the answer from the review list.
        await using var hrContext = await app.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var hr = await hrContext.NewPageAsync();
        await new LoginPage(hr, app.BaseUrl).LogInAsync(BrowserApp.HrEmail, BrowserApp.HrPassword);
        await hr.OpenInteractiveAsync($"{app.BaseUrl}/admin/review");
        await Assertions.Expect(hr.GetByText("Barack Obama says they left at")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await hr.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Apply: Barack Obama says") }).ClickAsync();
        await Assertions.Expect(hr.GetByText("Nothing to review.")).ToBeVisibleAsync(new() { Timeout = 15_000 });

        var record = await Kiosks.DbAsync(app, db => db.AttendanceRecords.SingleAsync(r => r.Id == closed.Id));
        Assert.Equal((Application.Time.LocalTime.ToUtc(left, settings.TimeZone), AttendanceSource.Stated, false), (record.CheckOutUtc!.Value, record.CheckOutSource!.Value, record.AutoClosed));
        var steps = await Kiosks.DbAsync(app, db => db.AuditEntries.Where(a => a.EntityId == closed.Id.ToString()).OrderBy(a => a.Id).Select(a => a.Action + " by " + a.UserName).ToListAsync());
        Assert.Contains(steps, s => s.StartsWith(AuditActions.ForgottenCheckOutAnswer + " by Barack Obama at ", StringComparison.Ordinal));
        Assert.Contains(AuditActions.CorrectRecord + " by " + BrowserApp.HrEmail, steps);
    }

    /// <summary>An Admin adds kiosk <paramref name="name"/> on the Devices page; a tablet with no account types its code and becomes it.</summary>
    private async Task<(IPage Admin, IBrowserContext TabletContext, IPage Tablet)> PairAsync(string name, bool screenshot)
    {
        var admin = await app.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        await new LoginPage(admin, app.BaseUrl).LogInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);
        await admin.OpenInteractiveAsync($"{app.BaseUrl}/admin/devices");
        await admin.GetByLabel("Kiosk name").FillAsync(name);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add kiosk" }).ClickAsync();
        var code = (await admin.GetByTestId("pairing-code").TextContentAsync())!.Trim();

        var tabletContext = await app.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var tablet = await tabletContext.NewPageAsync();
        await tablet.GotoAsync($"{app.BaseUrl}/kiosk/pair");
        await tablet.GetByLabel("Pairing code").FillAsync(code);
        if (screenshot) await Screenshot(tablet, "kiosk-pair");
        await tablet.GetByRole(AriaRole.Button, new() { Name = "Pair" }).ClickAsync();
        await tablet.WaitForURLAsync(url => url.EndsWith("/kiosk", StringComparison.Ordinal));
        return (admin, tabletContext, tablet);
    }

    [Fact]
    public async Task AKioskPairedByACodeChecksPeopleInWithNoAccountAndIsRefusedOnceRevoked()
    {
        if (!await Kiosks.DbAsync(app, db => db.People.AnyAsync(p => p.DisplayName == "Barack Obama")))
        {
            await Kiosks.RegisterThroughApiAsync(app, "enroll/obama/2.jpg", "Barack Obama");
        }
        app.Time.Advance(TimeSpan.FromHours(1));

        // An Admin adds the kiosk and reads its code; the tablet, with no account, types it and is the kiosk.
        var (admin, tabletContext, tablet) = await PairAsync("Lobby tablet", screenshot: true);
        await using var _ = tabletContext;
        await Assertions.Expect(tablet.GetByText("Look at the camera")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await tablet.GetByRole(AriaRole.Button, new() { Name = "Check in or out" }).ClickAsync();
        await Assertions.Expect(tablet.Locator(".kiosk-result")).ToContainTextAsync("Barack Obama", new() { Timeout = 30_000 });
        var records = await Kiosks.DbAsync(app, db => db.AttendanceRecords.CountAsync(r => r.Device == "kiosk:Lobby tablet" || r.CheckOutDevice == "kiosk:Lobby tablet"));
        Assert.Equal(1, records);

        // Revoked on the Devices page: the tablet's next check-in is refused and records nothing.
        await admin.GetByRole(AriaRole.Button, new() { Name = "Revoke Lobby tablet" }).ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(admin.Locator("tr", new() { HasText = "Lobby tablet" })).ToContainTextAsync("revoked");
        app.Time.Advance(TimeSpan.FromHours(1));
        await tablet.GetByRole(AriaRole.Button, new() { Name = "Check in or out" }).ClickAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(tablet.GetByTestId("kiosk-revoked")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        Assert.Equal(records, await Kiosks.DbAsync(app, db => db.AttendanceRecords.CountAsync(r => r.Device == "kiosk:Lobby tablet" || r.CheckOutDevice == "kiosk:Lobby tablet")));
    }

    [Fact]
    public async Task ATabletPairedByACodeExitsWithAnAdminsPasswordTypedFromTheKeyboardAndIsThenUnpaired()
    {
        var (admin, tabletContext, tablet) = await PairAsync("Front desk", screenshot: false);
        await using var _ = tabletContext;
        await Assertions.Expect(tablet.GetByText("Look at the camera")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        await tablet.GetByTestId("kiosk-exit").ClickAsync();
        // The focus is in the e-mail field, and stays there: what is typed goes where it should (the walk's second finding).
        var email = tablet.GetByLabel("Email");
        await Assertions.Expect(email).ToBeFocusedAsync(new() { Timeout = 30_000 });
        await tablet.Keyboard.TypeAsync(BrowserApp.AdminEmail);
        await tablet.Keyboard.PressAsync("Tab");
        await tablet.Keyboard.TypeAsync(BrowserApp.AdminPassword);
        await Assertions.Expect(email).ToHaveValueAsync(BrowserApp.AdminEmail);
        await tablet.Keyboard.PressAsync("Enter");

        // The tablet forgets it was a kiosk (the post to kiosk/forget was refused by antiforgery before: the walk's first
        // finding) and lands on the sign-in page; the kiosk is no longer open to it.
        await tablet.WaitForURLAsync(url => url.Contains("/Account/Login", StringComparison.Ordinal), new() { Timeout = 30_000 });
        Assert.DoesNotContain(await tabletContext.CookiesAsync(), c => c.Name == "att_kiosk");
        await tablet.GotoAsync($"{app.BaseUrl}/kiosk");
        await tablet.WaitForURLAsync(url => url.Contains("/Account/Login", StringComparison.Ordinal), new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task EscapeClosesTheKiosksExitDialog()
    {
        var admin = await app.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        await new LoginPage(admin, app.BaseUrl).LogInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);
        await admin.OpenInteractiveAsync($"{app.BaseUrl}/kiosk");
        await admin.GetByTestId("kiosk-exit").ClickAsync();
        await Assertions.Expect(admin.GetByLabel("Email")).ToBeFocusedAsync(new() { Timeout = 30_000 });

        await admin.Keyboard.PressAsync("Escape");

        await Assertions.Expect(admin.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
    }

    private static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotDirectory, name + ".png") });
}
