using Microsoft.Playwright;

namespace AttendanceBlazor.EndToEnd.Tests;

/// <summary>Page objects: what a person does on each page, in role-based locators.</summary>
public sealed class LoginPage(IPage page, string baseUrl)
{
    public async Task LogInAsync(string email, string password)
    {
        await page.GotoAsync($"{baseUrl}/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
    }
}

public static class PageExtensions
{
    /// <summary>Navigates and waits until the page is interactive (prerendered inputs would lose what is typed).</summary>
    public static async Task OpenInteractiveAsync(this IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.Locator("main[data-interactive='true']").WaitForAsync(new() { Timeout = 30_000 });
    }
}

public sealed class DevicesPage(IPage page, string baseUrl)
{
    public Task OpenAsync() => page.OpenInteractiveAsync($"{baseUrl}/admin/devices");

    public async Task CreateAsync(string name)
    {
        await page.GetByLabel("Key name").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
    }
}

public sealed class KioskPage(IPage page, string baseUrl)
{
    public async Task OpenAsync()
    {
        await page.OpenInteractiveAsync($"{baseUrl}/kiosk");
        await Assertions.Expect(page.GetByText("Look at the camera")).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }

    public Task PressCheckAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Check in or out" }).ClickAsync();

    public async Task RegisterAsync(string name)
    {
        await Assertions.Expect(page.GetByText("What is your name?")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByRole(AriaRole.Checkbox).CheckAsync();
        var register = page.GetByRole(AriaRole.Button, new() { Name = "Register and check in" });
        await Assertions.Expect(register).ToBeEnabledAsync();
        await register.ClickAsync();
    }

    public ILocator Result => page.GetByRole(AriaRole.Status);

    public ILocator ResultMessage(string text) => page.GetByText(text);

    public Task ResetAsync() => OpenAsync();
}

/// <summary>The Attendance page and its correction dialog, by the roles and labels a person sees.</summary>
public sealed class AttendancePage(IPage page, string baseUrl)
{
    public Task OpenAsync() => page.OpenInteractiveAsync($"{baseUrl}/admin/attendance");

    public ILocator Dialog => page.GetByRole(AriaRole.Dialog);

    public async Task OpenCorrectionAsync(string person)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = $"Correct the record of {person}" }).ClickAsync();
        await Assertions.Expect(Dialog).ToBeVisibleAsync();
    }

    public async Task EnterCorrectionAsync(string checkInLocal, string reason)
    {
        await Dialog.GetByLabel("Check-in", new() { Exact = true }).FillAsync(checkInLocal);
        await Dialog.GetByLabel("Reason").FillAsync(reason);
        await Assertions.Expect(Dialog.GetByRole(AriaRole.Button, new() { Name = "Save" })).ToBeEnabledAsync();
    }

    public async Task SaveAsync()
    {
        var save = Dialog.GetByRole(AriaRole.Button, new() { Name = "Save" });
        await Assertions.Expect(save).ToBeEnabledAsync();
        await save.ClickAsync();
        await Assertions.Expect(Dialog).ToBeHiddenAsync(new() { Timeout = 15_000 });
    }
}
