using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

// usage: KioskLoad URL EMAIL PASSWORD VIDEO KIOSKS SECONDS EVERY_SECONDS
if (args.Length != 7)
{
    Console.Error.WriteLine("usage: KioskLoad URL EMAIL PASSWORD VIDEO KIOSKS SECONDS EVERY_SECONDS");
    return 2;
}
var (url, email, password, video) = (args[0].TrimEnd('/'), args[1], args[2], args[3]);
var kiosks = int.Parse(args[4], CultureInfo.InvariantCulture);
var duration = TimeSpan.FromSeconds(double.Parse(args[5], CultureInfo.InvariantCulture));
var every = TimeSpan.FromSeconds(double.Parse(args[6], CultureInfo.InvariantCulture));

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = "/usr/bin/chromium",
    Headless = true,
    Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
        // A hundred renderer processes would take the two cores from the server being measured.
        "--renderer-process-limit=4",
        "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", $"--use-file-for-fake-video-capture={video}",
    ],
});
await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 800, Height = 600 } });

var login = await context.NewPageAsync();
await login.GotoAsync($"{url}/Account/Login");
await login.GetByLabel("Email").FillAsync(email);
await login.GetByLabel("Password").FillAsync(password);
await login.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
await login.WaitForURLAsync(u => !u.Contains("/Account/Login", StringComparison.Ordinal));
await login.CloseAsync();

// Open every kiosk first (each page is its own circuit), then start them all, staggered over one cadence.
var pages = new List<IPage>();
for (var i = 0; i < kiosks; i++)
{
    var page = await context.NewPageAsync();
    await page.GotoAsync($"{url}/kiosk");
    pages.Add(page);
}
foreach (var page in pages)
{
    await page.GetByText("Look at the camera").WaitForAsync(new() { Timeout = 120_000 });
}
Console.Error.WriteLine($"{kiosks} kiosk circuits ready");

var latencies = new List<double>();
var outcomes = new Dictionary<string, int>();
var errors = new List<string>();
var gate = new object();
var clock = Stopwatch.StartNew();

async Task RunKioskAsync(IPage page, int index)
{
    await Task.Delay(every * index / kiosks);
    while (clock.Elapsed < duration)
    {
        var started = clock.Elapsed;
        try
        {
            // A DOM click, without Playwright's actionability checks: those wait for animation frames, which
            // Chromium throttles in pages that are not in front, and would measure the driver instead of the app.
            await page.GetByRole(AriaRole.Button, new() { Name = "Check in or out" }).DispatchEventAsync("click", null, new() { Timeout = 30_000 });
            var result = page.Locator(".kiosk-result");
            await result.WaitForAsync(new() { Timeout = 60_000 });
            var text = await result.InnerTextAsync();
            var took = (clock.Elapsed - started).TotalMilliseconds;
            var outcome = text.Contains("checked in", StringComparison.Ordinal) ? "checked in"
                : text.Contains("checked out", StringComparison.Ordinal) ? "checked out"
                : text.Contains("already recorded", StringComparison.Ordinal) ? "duplicate"
                : "error: " + text.Split('\n')[0];
            lock (gate)
            {
                latencies.Add(took);
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
                if (outcome.StartsWith("error", StringComparison.Ordinal)) errors.Add(outcome);
            }
            await page.GetByText("Look at the camera").WaitForAsync(new() { Timeout = 60_000 });
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            lock (gate) errors.Add($"kiosk {index}: {ex.Message.Split('\n')[0]}");
            await page.ReloadAsync();
            await page.GetByText("Look at the camera").WaitForAsync(new() { Timeout = 120_000 });
        }
        var wait = started + every - clock.Elapsed;
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
    }
}

await Task.WhenAll(pages.Select(RunKioskAsync));
var elapsed = clock.Elapsed.TotalSeconds;
latencies.Sort();
double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p / 100 * latencies.Count) - 1)];
Console.WriteLine($"kiosks {kiosks}, one still each every {every.TotalSeconds:0} s, {elapsed:0} s");
Console.WriteLine($"stills {latencies.Count}: {latencies.Count / elapsed:0.0} per second");
Console.WriteLine($"click_to_result_ms p50 {Percentile(50):0} p95 {Percentile(95):0} max {(latencies.Count > 0 ? latencies[^1] : double.NaN):0}");
Console.WriteLine("outcomes: " + string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}")));
Console.WriteLine($"errors {errors.Count}" + (errors.Count > 0 ? ": " + string.Join(" | ", errors.Distinct().Take(5)) : ""));
return errors.Count == 0 ? 0 : 1;
