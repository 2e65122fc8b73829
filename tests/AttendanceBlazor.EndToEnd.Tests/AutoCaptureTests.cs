using System.Net.Http.Headers;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AttendanceBlazor.EndToEnd.Tests;

/// <summary>The app with the kiosk's automatic capture on, and a camera that shows a person arriving.</summary>
public sealed class AutoCaptureBrowserApp : BrowserApp
{
    protected override bool AutoCapture => true;
}

public sealed class AutoCaptureTests(AutoCaptureBrowserApp app) : IClassFixture<AutoCaptureBrowserApp>
{
    [Fact]
    public async Task SomeoneWhoArrivesAndHoldsStillIsCheckedOutWithoutTouchingTheKiosk()
    {
        // Registered through the REST API this morning, back at the kiosk nine hours later.
        string key;
        await using (var db = await app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<AttendanceDbContext>>().CreateDbContextAsync())
        {
            (_, key) = await DeviceKeys.CreateAsync(db, "setup", DeviceScopes.CheckIn, app.Time.GetUtcNow().UtcDateTime);
        }
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        using var form = new MultipartFormDataContent();
        var image = new ByteArrayContent(File.ReadAllBytes(TestFaces.PathOf("enroll/obama/2.jpg")));
        image.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(image, "image", "obama.jpg");
        form.Add(new StringContent("Barack Obama"), "name");
        (await http.PostAsync("/check_in_or_out", form)).EnsureSuccessStatusCode();
        app.Time.Advance(TimeSpan.FromHours(9));

        var page = await app.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        await new LoginPage(page, app.BaseUrl).LogInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);
        var kiosk = new KioskPage(page, app.BaseUrl);
        await kiosk.OpenAsync();
        // At a desk (a fine pointer, a wide screen) the hint names the space bar too; the touch-only line is hidden.
        await Assertions.Expect(page.GetByText("or hold still for a moment, or press the space bar")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("or hold still for a moment", new() { Exact = true })).ToBeHiddenAsync();

        // No click, no key: the camera module sees the grey scene change and then hold still.
        await Assertions.Expect(kiosk.ResultMessage("Goodbye, Barack Obama! You are checked out.")).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }
}
