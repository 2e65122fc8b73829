using Microsoft.Playwright;

namespace AttendanceBlazor.EndToEnd.Tests;

/// <summary>
/// The walk's charts and dialogs, in Chromium: chart text a person can read at a desk and on a phone, empty charts that
/// say so, and Escape closing every dialog of the People page.
/// </summary>
public sealed class ChartAndDialogTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string EmployeePassword = "Employee-Password-1";

    private static BrowserNewContextOptions Size(int width) => width < 600
        ? new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true }
        : new() { ViewportSize = new() { Width = 1280, Height = 800 } };

    private async Task<IPage> SignedInAsync(string email, string password, int width)
    {
        var page = await (await app.Browser.NewContextAsync(Size(width))).NewPageAsync();
        await new LoginPage(page, app.BaseUrl).LogInAsync(email, password);
        return page;
    }

    // The size a chart's text is drawn at on screen: its font size times the SVG's scale to the page.
    private const string SmallestChartText = """
        () => {
          const sizes = [...document.querySelectorAll('.mud-chart svg text')]
            .filter((t) => t.textContent.trim() !== '' && t.getBoundingClientRect().width > 0)
            .map((t) => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a);
          const probe = document.querySelector('.mud-chart svg text');
          window.__chartProbe = probe ? `font ${getComputedStyle(probe).fontSize}, scale ${probe.getScreenCTM().a}, viewBox ${probe.ownerSVGElement.getAttribute('viewBox')}, width ${probe.ownerSVGElement.getBoundingClientRect().width}` : '';
          return sizes.length === 0 ? -1 : Math.min(...sizes);
        }
        """;

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task ChartsSayWhenTheyAreEmptyAndTheirTextIsAtLeastTwelvePixels(int width)
    {
        var admin = await SignedInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword, width);
        if (!await Kiosks.DbAsync(app, db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.People)))
        {
            // Nothing recorded yet: each chart says so instead of drawing bare axes.
            await admin.OpenInteractiveAsync($"{app.BaseUrl}/dashboard");
            await Assertions.Expect(admin.GetByText("No check-ins yet today.")).ToBeVisibleAsync();
            await Assertions.Expect(admin.GetByText("Nobody was present in these days.")).ToBeVisibleAsync();
            await Assertions.Expect(admin.GetByText("No hours recorded this week yet.")).ToBeVisibleAsync();
            await Assertions.Expect(admin.Locator(".chart-frame")).ToHaveCountAsync(0);

            await Kiosks.RegisterThroughApiAsync(app, "enroll/obama/2.jpg", "Barack Obama");
            await Kiosks.RegisterThroughApiAsync(app, "enroll/biden/1.jpg", "Joe Biden");
            app.Time.Advance(TimeSpan.FromHours(8));
            await Kiosks.CheckThroughApiAsync(app, "enroll/biden/1.jpg");
            await Kiosks.EmployeeOfAsync(app, "barack@example.com", EmployeePassword, "Barack Obama");
        }

        await admin.OpenInteractiveAsync($"{app.BaseUrl}/dashboard");
        await Assertions.Expect(admin.Locator(".chart-frame")).ToHaveCountAsync(3);
        var dashboard = await admin.EvaluateAsync<double>(SmallestChartText);
        Assert.True(dashboard >= 12, $"the dashboard's smallest chart text is {dashboard:0.0} px at {width} px ({await admin.EvaluateAsync<string>("() => window.__chartProbe")})");

        var employee = await SignedInAsync("barack@example.com", EmployeePassword, width);
        await employee.OpenInteractiveAsync($"{app.BaseUrl}/me");
        await Assertions.Expect(employee.Locator(".chart-frame")).ToHaveCountAsync(1);
        var me = await employee.EvaluateAsync<double>(SmallestChartText);
        Assert.True(me >= 12, $"the own page's smallest chart text is {me:0.0} px at {width} px");
    }

    [Fact]
    public async Task EscapeClosesEveryDialogOfThePeoplePage()
    {
        if (!await Kiosks.DbAsync(app, db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.People, p => p.DisplayName == "Joe Biden")))
        {
            await Kiosks.RegisterThroughApiAsync(app, "enroll/biden/1.jpg", "Joe Biden");
        }
        var admin = await SignedInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword, 1280);
        await admin.OpenInteractiveAsync($"{app.BaseUrl}/admin/people");
        foreach (var item in new[] { "Rename", "Name at the kiosk…", "Give a PIN", "Merge into…", "Add face sample", "Deactivate…", "Delete and erase…" })
        {
            await admin.GetByRole(AriaRole.Button, new() { Name = "Actions for Joe Biden" }).ClickAsync();
            // The menu open and its item shown before the click, and time for the dialog on a busy machine.
            var menuItem = admin.GetByRole(AriaRole.Menuitem, new() { Name = item });
            await Assertions.Expect(menuItem).ToBeVisibleAsync();
            await menuItem.ClickAsync();
            try
            {
                await Assertions.Expect(admin.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync(new() { Timeout = 30_000 });
            }
            catch (PlaywrightException e)
            {
                throw new InvalidOperationException($"\"{item}\" opened no dialog", e);
            }
            // As a person would: the dialog has the keyboard (its first field or the dialog itself), then Escape.
            await Assertions.Expect(admin.Locator(".mud-dialog:focus-within")).ToHaveCountAsync(1);
            await admin.Keyboard.PressAsync("Escape");
            try
            {
                await Assertions.Expect(admin.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0, new() { Timeout = 10_000 });
            }
            catch (PlaywrightException e)
            {
                throw new InvalidOperationException($"Escape did not close the dialog of \"{item}\"", e);
            }
        }
    }
}
