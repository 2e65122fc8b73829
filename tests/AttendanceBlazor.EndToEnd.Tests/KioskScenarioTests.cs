using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AttendanceBlazor.EndToEnd.Tests;

public sealed class KioskScenarioTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task ANewPersonRegistersAtTheKioskAndTheSameFaceChecksOutLater()
    {
        var page = await app.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var consoleErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") consoleErrors.Add(message.Text); };
        await page.GotoAsync($"{app.BaseUrl}/Account/Login");
        await Screenshot(page, "login");
        await new LoginPage(page, app.BaseUrl).LogInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);
        var kiosk = new KioskPage(page, app.BaseUrl);

        await kiosk.OpenAsync();
        await Screenshot(page, "kiosk-ready");
        await kiosk.PressCheckAsync();
        await kiosk.RegisterAsync("Barack Obama");
        await Assertions.Expect(kiosk.ResultMessage("Welcome, Barack Obama! You are registered and checked in.")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        // 06:30 UTC on 1 June is 08:30 in Berlin (CEST).
        await Assertions.Expect(kiosk.ResultMessage("1 Jun 2026 08:30")).ToBeVisibleAsync();
        await Screenshot(page, "kiosk-registered");

        app.Time.Advance(TimeSpan.FromHours(9));
        await kiosk.ResetAsync();
        await kiosk.PressCheckAsync();
        await Assertions.Expect(kiosk.ResultMessage("Goodbye, Barack Obama! You are checked out.")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Screenshot(page, "kiosk-checked-out");

        // The admin creates a device key (shown once) and reads the audit log.
        var devices = new DevicesPage(page, app.BaseUrl);
        await devices.OpenAsync();
        await devices.CreateAsync("Lobby kiosk");
        await Assertions.Expect(page.GetByText("shown only now")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Lobby kiosk", Exact = true })).ToBeVisibleAsync();
        await Screenshot(page, "devices");
        await page.OpenInteractiveAsync($"{app.BaseUrl}/admin/audit");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Device key created", Exact = true })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Registered", Exact = true })).ToBeVisibleAsync();

        await page.OpenInteractiveAsync($"{app.BaseUrl}/admin/settings");
        await Assertions.Expect(page.GetByLabel("Match threshold")).ToHaveValueAsync("0.60");
        await Screenshot(page, "settings");

        // The admin sees the stay on the dashboard and in the attendance grid.
        await page.OpenInteractiveAsync($"{app.BaseUrl}/dashboard");
        await Assertions.Expect(page.GetByTestId("check-ins-today")).ToHaveTextAsync("1", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByText("9.0 h")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("svg").First).ToBeVisibleAsync();
        await Screenshot(page, "dashboard");
        await page.OpenInteractiveAsync($"{app.BaseUrl}/admin/people");
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Face of Barack Obama" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Screenshot(page, "people");
        // Another face sample, taken with the camera from the People page (the registration kept the good stills of
        // its burst already).
        int samples;
        await using (var before = await app.Services.GetRequiredService<IDbContextFactory<Data.AttendanceDbContext>>().CreateDbContextAsync())
        {
            samples = await before.FaceTemplates.CountAsync();
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Actions for Barack Obama" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Add face sample" }).ClickAsync();
        var sampleDialog = page.GetByRole(AriaRole.Dialog);
        await sampleDialog.GetByRole(AriaRole.Button, new() { Name = "Use the camera" }).ClickAsync();
        await sampleDialog.GetByRole(AriaRole.Button, new() { Name = "Take the picture" }).ClickAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(sampleDialog.GetByText("camera still")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await sampleDialog.GetByRole(AriaRole.Button, new() { Name = "Add sample" }).ClickAsync();
        await Assertions.Expect(sampleDialog).ToBeHiddenAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = (samples + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Exact = true })).ToBeVisibleAsync();

        // HR, in a browser of their own, corrects the check-in time with a reason; the audit log shows it.
        await using var hrContext = await app.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var hrPage = await hrContext.NewPageAsync();
        hrPage.Console += (_, message) => { if (message.Type == "error") consoleErrors.Add(message.Text); };
        await new LoginPage(hrPage, app.BaseUrl).LogInAsync(BrowserApp.HrEmail, BrowserApp.HrPassword);
        var attendance = new AttendancePage(hrPage, app.BaseUrl);
        await attendance.OpenAsync();
        await Assertions.Expect(hrPage.GetByRole(AriaRole.Cell, new() { Name = "9h 00m" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await attendance.OpenCorrectionAsync("Barack Obama");
        await attendance.EnterCorrectionAsync("1 Jun 2026 08:00", "Arrived before the kiosk was switched on");
        await Screenshot(hrPage, "attendance-correction");
        await attendance.SaveAsync();
        await Assertions.Expect(hrPage.GetByRole(AriaRole.Cell, new() { Name = "9h 30m" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Screenshot(hrPage, "attendance");
        await hrPage.OpenInteractiveAsync($"{app.BaseUrl}/admin/audit");
        await Assertions.Expect(hrPage.GetByRole(AriaRole.Cell, new() { Name = "Record corrected", Exact = true })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(hrPage.GetByRole(AriaRole.Cell, new() { Name = "Arrived before the kiosk was switched on" })).ToBeVisibleAsync();
        await Screenshot(hrPage, "audit-log");

        Assert.DoesNotContain(consoleErrors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<Data.AttendanceDbContext>>().CreateDbContextAsync();
        var record = await db.AttendanceRecords.Include(r => r.Person).SingleAsync();
        Assert.Equal("Barack Obama", record.Person!.DisplayName);
        // HR corrected the check-in, so that event is now theirs; the check-out stays the kiosk's.
        Assert.Equal((Data.Entities.AttendanceSource.Manual, Data.Entities.AttendanceSource.Kiosk), (record.Source, record.CheckOutSource!.Value));
        Assert.Equal(TimeSpan.FromHours(9.5), record.CheckOutUtc - record.CheckInUtc);
        Assert.Equal(new DateTime(2026, 6, 1, 6, 0, 0), record.CheckInUtc);
    }

    private static async Task Screenshot(IPage page, string name)
    {
        Directory.CreateDirectory(BrowserApp.ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotDirectory, name + ".png") });
    }
}
