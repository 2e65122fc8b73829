using System.Text;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AttendanceBlazor.EndToEnd.Tests;

/// <summary>
/// axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA) over every page, dialog and kiosk state, as each role that sees
/// them, at 1280x800 and at 390x844: no violation of serious or critical impact. The moderate and minor ones are
/// listed in docs/accessibility.md with the reason each stays.
/// </summary>
public sealed class AccessibilityTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string EmployeePassword = "Employee-Password-1";

    private readonly List<string> _serious = [];

    private async Task ScanAsync(IPage page, string what) => _serious.AddRange(await AxeScan.SeriousAsync(page, what));

    private async Task<IPage> SignedInAsync(string email, string password, int width)
    {
        var context = await app.Browser.NewContextAsync(Size(width));
        var page = await context.NewPageAsync();
        await new LoginPage(page, app.BaseUrl).LogInAsync(email, password);
        return page;
    }

    private static BrowserNewContextOptions Size(int width) => width < 600
        ? new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true }
        : new() { ViewportSize = new() { Width = 1280, Height = 800 } };

    private async Task PageAsync(IPage page, string path, string? waitFor = null)
    {
        await page.OpenInteractiveAsync($"{app.BaseUrl}/{path}");
        if (waitFor is not null) await page.GetByText(waitFor).First.WaitForAsync(new() { Timeout = 15_000 });
        await ScanAsync(page, "/" + path);
    }

    private async Task SeedAsync()
    {
        if (await Kiosks.DbAsync(app, db => db.People.AnyAsync(p => p.DisplayName == "Barack Obama"))) return;
        await Kiosks.RegisterThroughApiAsync(app, "enroll/obama/2.jpg", "Barack Obama");
        await Kiosks.RegisterThroughApiAsync(app, "enroll/biden/1.jpg", "Joe Biden");
        app.Time.Advance(TimeSpan.FromHours(8));
        await Kiosks.CheckThroughApiAsync(app, "enroll/biden/1.jpg");
        // Barack Obama forgets to check out: the review list has a row to show.
        app.Time.Advance(TimeSpan.FromHours(10));
        await app.Services.GetRequiredService<Application.Jobs.AutoCheckout>().CloseForgottenAsync();
        await Kiosks.EmployeeOfAsync(app, "barack@example.com", EmployeePassword, "Barack Obama");
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task EveryPageAndDialogHasNoSeriousOrCriticalViolationForEachRole(int width)
    {
        await SeedAsync();

        // Nobody signed in.
        var anonymous = await (await app.Browser.NewContextAsync(Size(width))).NewPageAsync();
        await anonymous.GotoAsync($"{app.BaseUrl}/Account/Login");
        await ScanAsync(anonymous, "/Account/Login");
        await anonymous.GotoAsync($"{app.BaseUrl}/kiosk/pair?failed=code");
        await ScanAsync(anonymous, "/kiosk/pair");
        await anonymous.GotoAsync($"{app.BaseUrl}/Account/Lockout");
        await ScanAsync(anonymous, "/Account/Lockout");
        // The not-found page is interactive: scanned once its circuit is up (while Blazor swaps the prerendered head
        // for the live one, the document has no title for a moment).
        await anonymous.OpenInteractiveAsync($"{app.BaseUrl}/no-such-page");
        await ScanAsync(anonymous, "404");

        // Admin: every page, the dialogs, the account pages.
        var admin = await SignedInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword, width);
        await PageAsync(admin, "dashboard");
        await PageAsync(admin, "admin/attendance", "Barack Obama");
        await admin.GetByRole(AriaRole.Button, new() { NameRegex = new("^Correct") }).First.ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).WaitForAsync();
        await ScanAsync(admin, "/admin/attendance correction dialog");
        await PageAsync(admin, "admin/people", "Barack Obama");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Actions for Barack Obama" }).ClickAsync();
        await ScanAsync(admin, "/admin/people actions menu");
        await admin.GetByRole(AriaRole.Menuitem, new() { Name = "Deactivate…" }).ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).WaitForAsync();
        await ScanAsync(admin, "/admin/people deactivate dialog");
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        foreach (var (item, dialog) in new[] { ("Rename", "rename"), ("Give a PIN", "PIN"), ("Merge into…", "merge"), ("Add face sample", "face sample"), ("Delete and erase…", "erase") })
        {
            await admin.GetByRole(AriaRole.Dialog).WaitForAsync(new() { State = WaitForSelectorState.Detached });
            await admin.GetByRole(AriaRole.Button, new() { Name = "Actions for Joe Biden" }).ClickAsync();
            await admin.GetByRole(AriaRole.Menuitem, new() { Name = item }).ClickAsync();
            await admin.GetByRole(AriaRole.Dialog).WaitForAsync();
            await ScanAsync(admin, $"/admin/people {dialog} dialog");
            await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        }
        await admin.GetByRole(AriaRole.Dialog).WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Register with a PIN" }).ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).WaitForAsync();
        await ScanAsync(admin, "/admin/people register with a PIN dialog");
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await PageAsync(admin, "admin/review", "closed automatically");
        await PageAsync(admin, "admin/audit", "Registered");
        await PageAsync(admin, "admin/users", BrowserApp.HrEmail);
        await admin.GetByRole(AriaRole.Button, new() { Name = "New user" }).ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).WaitForAsync();
        await ScanAsync(admin, "/admin/users new user dialog");
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await PageAsync(admin, "admin/devices");
        await PageAsync(admin, "admin/settings");
        await PageAsync(admin, "admin/months", "Days off for everyone");
        var obamaId = await Kiosks.DbAsync(app, db => db.People.Where(p => p.DisplayName == "Barack Obama").Select(p => p.Id).SingleAsync());
        await PageAsync(admin, $"admin/people/{obamaId}/time", "Absences");
        foreach (var (button, dialog) in new[] { ("Working time…", "working time"), ("Add absence…", "absence") })
        {
            await admin.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
            await admin.GetByRole(AriaRole.Dialog).WaitForAsync();
            await ScanAsync(admin, $"/admin/people/id/time {dialog} dialog");
            await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
            await admin.GetByRole(AriaRole.Dialog).WaitForAsync(new() { State = WaitForSelectorState.Detached });
        }
        await PageAsync(admin, "me");
        await admin.GotoAsync($"{app.BaseUrl}/Account/Manage");
        await ScanAsync(admin, "/Account/Manage");
        await admin.GotoAsync($"{app.BaseUrl}/Account/Manage/ChangePassword");
        await ScanAsync(admin, "/Account/Manage/ChangePassword");
        await admin.GotoAsync($"{app.BaseUrl}/Account/Manage/TwoFactorAuthentication");
        await ScanAsync(admin, "/Account/Manage/TwoFactorAuthentication");
        await admin.GotoAsync($"{app.BaseUrl}/Account/Manage/Passkeys");
        await ScanAsync(admin, "/Account/Manage/Passkeys");

        // The kiosk and its states: ready, PIN, a result, the exit dialog.
        await admin.OpenInteractiveAsync($"{app.BaseUrl}/kiosk");
        await admin.GetByText("Look at the camera").WaitForAsync(new() { Timeout = 30_000 });
        await ScanAsync(admin, "/kiosk ready");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Use PIN instead" }).ClickAsync();
        await ScanAsync(admin, "/kiosk PIN");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Check in or out" }).ClickAsync();
        // A check-in at the first size, "already checked in" at the second: a result card either way.
        await admin.Locator(".kiosk-result").WaitForAsync(new() { Timeout = 30_000 });
        await ScanAsync(admin, "/kiosk result");
        await admin.GetByTestId("kiosk-exit").ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).WaitForAsync();
        await ScanAsync(admin, "/kiosk exit dialog");

        // HR and an employee see the pages of their roles.
        var hr = await SignedInAsync(BrowserApp.HrEmail, BrowserApp.HrPassword, width);
        await PageAsync(hr, "", "Who is in");
        var employee = await SignedInAsync("barack@example.com", EmployeePassword, width);
        await PageAsync(employee, "");
        await PageAsync(employee, "me", "Hours per week");

        var report = new StringBuilder().AppendJoin('\n', _serious).ToString();
        Assert.True(_serious.Count == 0, $"{_serious.Count} serious or critical violations:\n{report}");
    }
}
