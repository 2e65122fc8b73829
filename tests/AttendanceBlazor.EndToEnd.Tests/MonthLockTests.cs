using System.Globalization;
using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Application.Records;
using AttendanceBlazor.Application.WorkingTime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AttendanceBlazor.EndToEnd.Tests;

/// <summary>The browser app on the system clock: whether a month has ended is the real calendar's question.</summary>
public sealed class SystemClockBrowserApp : BrowserApp
{
    protected override bool SystemClock => true;
}

/// <summary>
/// HR closes last month in Chromium: approves it on the Months page, a correction of one of its records is refused
/// in the dialog with the reason, the month is reopened with a reason, and the same correction goes through. A real
/// server on the system clock: "last month has ended" is decided by the calendar, not by a test clock.
/// </summary>
public sealed class MonthLockTests(SystemClockBrowserApp app) : IClassFixture<SystemClockBrowserApp>
{
    [Fact]
    public async Task ALockedMonthRefusesACorrectionInTheBrowserUntilHrReopensIt()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, zone));
        var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var day = lastMonth.AddDays(2).ToDateTime(TimeOnly.MinValue);
        var hrActor = new Actor(null, BrowserApp.HrEmail);
        var added = await app.Services.GetRequiredService<WorkingTimeService>().AddPersonAsync("Grace Hopper", lastMonth, hrActor);
        Assert.True(added.Succeeded, added.ToString());
        Assert.True((await app.Services.GetRequiredService<RecordsService>().AddAsync((int)added.Count, day.AddHours(8), day.AddHours(16), "paper list", hrActor)).Succeeded);

        var page = await app.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        await new LoginPage(page, app.BaseUrl).LogInAsync(BrowserApp.HrEmail, BrowserApp.HrPassword);
        var monthText = lastMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var monthName = lastMonth.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("en"));
        await page.OpenInteractiveAsync($"{app.BaseUrl}/admin/months?month={monthText}");
        await Assertions.Expect(page.GetByTestId("month")).ToHaveTextAsync(monthName);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Approve everyone's {monthName}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { NameRegex = new("Grace Hopper") })).ToContainTextAsync("approved");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotDirectory, "months.png") });

        var attendance = new AttendancePage(page, app.BaseUrl);
        await attendance.OpenAsync();
        await attendance.OpenCorrectionAsync("Grace Hopper");
        var earlier = day.AddHours(7).AddMinutes(30).ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture);
        await attendance.EnterCorrectionAsync(earlier, "Came in earlier");
        await attendance.Dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(attendance.Dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync($"{monthName} is approved and locked for payroll");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotDirectory, "correction-locked.png") });
        await attendance.Dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        // The person's timesheet page: reopen with a reason.
        await page.OpenInteractiveAsync($"{app.BaseUrl}/admin/people/{added.Count}/time?month={monthText}");
        await Assertions.Expect(page.GetByTestId("month-state")).ToHaveTextAsync("approved");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reopen…" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Reason").FillAsync("The paper list was wrong");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Reopen" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("month-state")).ToHaveTextAsync("open");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotDirectory, "timesheet.png") });

        await attendance.OpenAsync();
        await attendance.OpenCorrectionAsync("Grace Hopper");
        await attendance.EnterCorrectionAsync(earlier, "Came in earlier");
        await attendance.SaveAsync();

        var actions = await Kiosks.DbAsync(app, db => db.AuditEntries.Where(a => a.EntityType == AuditEntities.Period || a.EntityType == AuditEntities.Record)
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal([AuditActions.AddRecord, AuditActions.ApprovePeriod, AuditActions.RefusedLocked, AuditActions.ReopenPeriod, AuditActions.CorrectRecord], actions);
        var record = await Kiosks.DbAsync(app, db => db.AttendanceRecords.SingleAsync());
        Assert.Equal(day.AddHours(7).AddMinutes(30), TimeZoneInfo.ConvertTimeFromUtc(record.CheckInUtc, zone));
        Assert.True(record.Corrected);
    }
}
