using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AttendanceBlazor.EndToEnd.Tests;

/// <summary>
/// A German browser (Accept-Language de-DE, as Chromium sends it with locale de-DE) gets the product in German: the
/// sign-in, the kiosk registering and checking in a new face, the person's own page and the dashboard, with German
/// numbers (7,5) and dates (1. Juni). The screenshots in docs/screenshots/de-*.png come from here.
/// </summary>
public sealed class GermanTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Password = "Mitarbeiter-Passwort-1";

    private static readonly BrowserNewPageOptions German = new() { Locale = "de-DE", ViewportSize = new() { Width = 1280, Height = 800 } };

    private static async Task LogInAsync(IPage page, string baseUrl, string email, string password)
    {
        await page.GotoAsync($"{baseUrl}/Account/Login");
        await Assertions.Expect(page).ToHaveTitleAsync("Anmelden");
        await page.GetByLabel("E-Mail").FillAsync(email);
        await page.GetByLabel("Passwort").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheKioskMyAttendanceAndTheDashboardSpeakGermanToAGermanBrowser()
    {
        var page = await app.Browser.NewPageAsync(German);
        await LogInAsync(page, app.BaseUrl, BrowserApp.AdminEmail, BrowserApp.AdminPassword);

        // The kiosk: a new face registers with its consent and is checked in, by keyboard alone, every word in German.
        await page.OpenInteractiveAsync($"{app.BaseUrl}/kiosk");
        Assert.Equal("de", await page.GetAttributeAsync("html", "lang"));
        await Assertions.Expect(page.GetByText("Bitte in die Kamera schauen")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Scan(page, "/kiosk ready (de)");
        await TabToAsync(page, "button", "Ein- oder ausstempeln");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByText("Willkommen! Wie heißen Sie?")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Scan(page, "/kiosk new face (de)");
        // The name field has the focus already.
        Assert.Equal("INPUT", await page.EvaluateAsync<string>("() => document.activeElement.tagName"));
        await page.Keyboard.TypeAsync("Barack Obama");
        await TabToAsync(page, "checkbox", null);
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Ich bin einverstanden", Exact = false })).ToBeCheckedAsync();
        await TabToAsync(page, "button", "Registrieren und einstempeln");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByText("Willkommen, Barack Obama! Sie sind registriert und eingestempelt.")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Scan(page, "/kiosk result (de)");
        await Screenshot(page, "de-kiosk-registered");

        // The person's own page, for an employee linked to the face the kiosk just registered; 7.5 hours later the
        // check-out from their own tab.
        await Kiosks.EmployeeOfAsync(app, "barack@example.com", Password, "Barack Obama");
        app.Time.Advance(TimeSpan.FromHours(7.5));
        var own = await app.Browser.NewPageAsync(German);
        await LogInAsync(own, app.BaseUrl, "barack@example.com", Password);
        await own.OpenInteractiveAsync($"{app.BaseUrl}/me");
        await Assertions.Expect(own).ToHaveTitleAsync("Meine Anwesenheit");
        var check = own.GetByTestId("personal-check");
        await Assertions.Expect(check).ToHaveTextAsync("Ausstempeln");
        await check.ClickAsync();
        await Assertions.Expect(own.GetByTestId("personal-result")).ToContainTextAsync("Ausgestempelt um", new() { Timeout = 30_000 });
        await Assertions.Expect(check).ToHaveTextAsync("Einstempeln");
        await Assertions.Expect(own.GetByTestId("week-hours").First).ToHaveTextAsync("7,5 Std.", new() { Timeout = 15_000 });
        await Scan(own, "/me (de)");
        await Screenshot(own, "de-me");

        // The dashboard: German labels, numbers and days.
        await page.OpenInteractiveAsync($"{app.BaseUrl}/dashboard");
        await Assertions.Expect(page).ToHaveTitleAsync("Übersicht");
        await Assertions.Expect(page.GetByTestId("check-ins-today")).ToHaveTextAsync("1", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByText("Einstempelungen heute")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("7,5 Std.")).ToBeVisibleAsync();
        await Scan(page, "/dashboard (de)");
        await Screenshot(page, "de-dashboard");

        Assert.True(_serious.Count == 0, string.Join("\n", _serious));
    }

    private readonly List<string> _serious = [];

    private async Task Scan(IPage page, string what) => _serious.AddRange(await AxeScan.SeriousAtBothSizesAsync(page, what));

    /// <summary>
    /// Presses Tab until the focus is on a button with this text (or on a checkbox), as a keyboard user would, and
    /// checks the focus is drawn: an outline or a box shadow on the element or the control around it.
    /// </summary>
    private static async Task TabToAsync(IPage page, string kind, string? text)
    {
        for (var i = 0; i < 25; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var here = await page.EvaluateAsync<bool>("""
                ([kind, text]) => {
                  const e = document.activeElement;
                  if (!e) return false;
                  if (kind === 'checkbox') return e.type === 'checkbox';
                  return e.tagName === 'BUTTON' && e.textContent.trim() === text;
                }
                """, new object?[] { kind, text });
            if (!here) continue;
            var visible = await page.EvaluateAsync<bool>("""
                () => {
                  const e = document.activeElement;
                  const drawn = el => { const s = getComputedStyle(el); return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'; };
                  return e.matches(':focus-visible') && (drawn(e) || (e.parentElement && drawn(e.parentElement)) || (e.closest('label, .mud-button-root') && drawn(e.closest('label, .mud-button-root'))));
                }
                """);
            Assert.True(visible, $"the focus on the {kind} {text} is not drawn");
            return;
        }
        Assert.Fail($"Tab never reached the {kind} {text}");
    }

    private static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotDirectory, name + ".png") });
}
