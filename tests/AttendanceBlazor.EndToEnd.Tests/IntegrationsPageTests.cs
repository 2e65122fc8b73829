using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Application.Records;
using AttendanceBlazor.Application.WorkingTime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AttendanceBlazor.EndToEnd.Tests;

/// <summary>
/// An Admin adds a webhook on the Integrations page in Chromium: the secret is shown once, an HR change then reaches
/// a receiver on 127.0.0.1 signed with exactly that secret, and the delivery log says it was delivered. The page
/// passes axe at both sizes, with an endpoint and its log on screen.
/// </summary>
public sealed class IntegrationsPageTests(SystemClockBrowserApp app) : IClassFixture<SystemClockBrowserApp>
{
    [Fact]
    public async Task AnAdminAddsAWebhookOnThePageAndItsSecretSignsTheEventsTheLogShows()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var page = await app.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        await new LoginPage(page, app.BaseUrl).LogInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);
        await page.OpenInteractiveAsync($"{app.BaseUrl}/admin/integrations");
        await Assertions.Expect(page.GetByText("No webhooks yet.")).ToBeVisibleAsync();
        var serious = new List<string>(await AxeScan.SeriousAtBothSizesAsync(page, "/admin/integrations empty"));

        await page.GetByLabel("URL").FillAsync(receiver.Url.ToString());
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "review.created" }).UncheckAsync();
        // By keyboard: the button takes focus and Enter adds the webhook.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add webhook" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        var secret = (await page.GetByTestId("webhook-secret").InnerTextAsync()).Trim();
        Assert.StartsWith("whsec_", secret);
        var row = page.GetByRole(AriaRole.Row, new() { NameRegex = new(receiver.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)) });
        await Assertions.Expect(row).ToContainTextAsync("enabled");
        await Assertions.Expect(row).ToContainTextAsync("attendance.corrected");
        await Assertions.Expect(row).Not.ToContainTextAsync("review.created");

        // HR adds a missed record: attendance.corrected, change "added".
        var hr = new Actor(null, BrowserApp.HrEmail);
        var added = await app.Services.GetRequiredService<WorkingTimeService>().AddPersonAsync("Ada Lovelace", null, hr);
        Assert.True(added.Succeeded, added.ToString());
        var day = new DateTime(2026, 10, 5, 8, 0, 0);
        Assert.True((await app.Services.GetRequiredService<RecordsService>().AddAsync((int)added.Count, day, day.AddHours(8), "paper list", hr)).Succeeded);
        var got = Assert.Single(await receiver.WaitForAsync(1, TimeSpan.FromSeconds(5)));
        Assert.Equal("attendance.corrected", got.Type);
        Assert.Equal("Ada Lovelace", got.Data.GetProperty("name").GetString());
        Assert.True(SpecVerifier.Verify(secret, got, DateTimeOffset.UtcNow), "the secret the page showed does not verify the event");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Delivery log of {receiver.Url}" }).ClickAsync();
        var log = page.GetByRole(AriaRole.Row, new() { NameRegex = new(got.Id!) });
        await Assertions.Expect(log).ToContainTextAsync("delivered");
        await Assertions.Expect(log).ToContainTextAsync("200");
        // The "added" message fading in would be measured half-transparent: scanned once it has gone.
        await page.Locator(".mud-snackbar").First.WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 15_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotDirectory, "integrations.png"), FullPage = true });
        serious.AddRange(await AxeScan.SeriousAtBothSizesAsync(page, "/admin/integrations with a webhook and its log"));

        // Send again from the log: the same webhook-id arrives a second time.
        await log.GetByRole(AriaRole.Button, new() { Name = $"Send again {got.Id}" }).ClickAsync();
        var both = await receiver.WaitForAsync(2, TimeSpan.FromSeconds(5));
        Assert.Equal([got.Id, got.Id], both.Select(b => b.Id));
        Assert.Empty(serious);
    }
}
