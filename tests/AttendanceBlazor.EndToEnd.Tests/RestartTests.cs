using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using AttendanceBlazor.Testing;
using Microsoft.Playwright;

namespace AttendanceBlazor.EndToEnd.Tests;

/// <summary>
/// A kiosk outlives a restart of the server with nobody at the keyboard: the app runs as its own process (as it does
/// in production) on one SQLite file and one key folder, is stopped while the kiosk waits, and started again; the page
/// reconnects, reloads itself and checks people in again. Only the browser comes from <see cref="BrowserApp"/>.
/// </summary>
public sealed partial class RestartTests(BrowserApp app) : IClassFixture<BrowserApp>, IDisposable
{
    private const string Email = "owner@example.com";
    private const string Password = "Owner-Password-12";

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("attendance-restart-");
    private readonly int _port = AppProcesses.FreePort();
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _server;

    private string BaseUrl => $"http://127.0.0.1:{_port}";

    [Fact]
    public async Task AKioskReconnectsAndGoesOnByItselfAfterTheServerRestarts()
    {
        await StartServerAsync();
        var page = await app.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });

        // First run, as the README describes it: the setup code from the server's console, then the kiosk.
        await page.GotoAsync($"{BaseUrl}/setup");
        // The first-run page is the one page the other browser tests never see (their apps start with accounts).
        Assert.Empty(await AxeScan.SeriousAtBothSizesAsync(page, "/setup"));
        await page.GetByLabel("Setup code (from the server's console)").FillAsync(await SetupCodeAsync());
        await page.GetByLabel("Email").FillAsync(Email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Confirm password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create administrator" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/setup", StringComparison.Ordinal));
        await page.OpenInteractiveAsync($"{BaseUrl}/kiosk");
        await Assertions.Expect(page.GetByText("Look at the camera")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.EvaluateAsync("() => { window.beforeRestart = true; }");

        // The server goes away; the page notices.
        StopServer();
        await page.WaitForFunctionAsync("() => !!document.querySelector('#components-reconnect-modal[open]')",
            null, new() { Timeout = 60_000 });

        // Back, on the same port, database and keys: no click, no key press.
        await StartServerAsync();
        await page.WaitForFunctionAsync("() => window.beforeRestart === undefined && !!document.querySelector(\"main[data-interactive='true']\")",
            null, new() { Timeout = 120_000, PollingInterval = 500 });
        await Assertions.Expect(page.GetByText("Look at the camera")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // And it works: the fake camera's face is new to this server, so the kiosk asks for a name.
        await page.GetByRole(AriaRole.Button, new() { Name = "Check in or out" }).ClickAsync();
        await Assertions.Expect(page.GetByText("What is your name?")).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }

    private async Task StartServerAsync()
    {
        var info = AppProcesses.Web(BaseUrl);
        info.Environment["ConnectionStrings__Attendance"] = $"Data Source={Path.Combine(_dir.FullName, "attendance.db")}";
        info.Environment["DataProtection__KeysDirectory"] = Path.Combine(_dir.FullName, "keys");
        info.Environment["Attendance__Liveness"] = "Off";
        _server = AppProcesses.Start(info, "server", _output);
        await AppProcesses.ReadyAsync(BaseUrl, _output, _server);
    }

    private void StopServer()
    {
        if (_server is null || _server.HasExited) return;
        _server.Kill(entireProcessTree: true);
        _server.WaitForExit();
        _server.Dispose();
        _server = null;
    }

    private async Task<string> SetupCodeAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var line in _output)
            {
                if (SetupCode().Match(line) is { Success: true } m) return m.Groups[1].Value;
            }
            await Task.Delay(100);
        }
        Assert.Fail("no setup code in the server's console:\n" + string.Join("\n", _output));
        return "";
    }

    [GeneratedRegex("setup code: ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})")]
    private static partial Regex SetupCode();


    public void Dispose()
    {
        StopServer();
        try
        {
            _dir.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the stopping process: the temporary folder is cleaned by the system.
        }
    }
}
