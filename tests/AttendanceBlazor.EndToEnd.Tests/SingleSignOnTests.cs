using AttendanceBlazor.Data.Entities;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AttendanceBlazor.EndToEnd.Tests;

/// <summary>The browser app with single sign-on against the test OpenID Connect provider on 127.0.0.1.</summary>
public sealed class SsoBrowserApp : BrowserApp
{
    public TestOidcProvider Provider { get; } = TestOidcProvider.StartAsync().GetAwaiter().GetResult();

    // The handler's cookies expire and the provider's tokens are checked by the app's clock: the real one, as the provider's.
    protected override bool SystemClock => true;

    protected override void ConfigureApp(IWebHostBuilder builder)
    {
        builder.UseSetting("Authentication:Oidc:Authority", Provider.Issuer);
        builder.UseSetting("Authentication:Oidc:ClientId", TestOidcProvider.ClientId);
        builder.UseSetting("Authentication:Oidc:ClientSecret", TestOidcProvider.ClientSecret);
        builder.UseSetting("Authentication:Oidc:DisplayName", "Test IdP");
        builder.UseSetting("Authentication:Oidc:RoleClaim", "groups");
        builder.UseSetting("Authentication:Oidc:Roles:attendance-hr", "HR");
        builder.UseSetting("Authentication:Oidc:Roles:attendance-admin", "Admin");
        builder.UseSetting("Authentication:Oidc:AllowNewUsers", "true");
        builder.UseSetting("Authentication:Oidc:RequireHttpsMetadata", "false");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>
/// Single sign-on through the full browser flow in Chromium: the sign-in page's button, the provider's form, the
/// authorization code with PKCE, back to the app with the role the provider's claim maps to (again at every sign-in);
/// once the provider removes the person, neither the provider nor a password lets them in.
/// </summary>
public sealed class SingleSignOnTests(SsoBrowserApp app) : IClassFixture<SsoBrowserApp>
{
    private async Task<IPage> SignInThroughProviderAsync(string userName)
    {
        var context = await app.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{app.BaseUrl}/Account/Login");
        // By keyboard: the provider's button takes focus and Enter starts the sign-in.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with Test IdP" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Test identity provider" })).ToBeVisibleAsync();
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        return page;
    }

    private async Task<IList<string>> RolesAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.GetRolesAsync((await users.FindByEmailAsync(email))!);
    }

    [Fact]
    public async Task APersonSignsInThroughTheProviderWithTheMappedRoleAndOnceRemovedCannotSignInAgain()
    {
        app.Provider.Add("ann", new TestOidcUser("sub-ann-7f3", "ann@example.com", true, "attendance-hr"));
        var login = await app.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        await login.GotoAsync($"{app.BaseUrl}/Account/Login");
        await login.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotDirectory, "login-sso.png") });
        await Assertions.Expect(login.GetByRole(AriaRole.Button, new() { Name = "Sign in with Test IdP" })).ToBeVisibleAsync();
        Assert.Empty(await AxeScan.SeriousAtBothSizesAsync(login, "/Account/Login with single sign-on"));

        // First sign-in: a new account (AllowNewUsers), HR from the "groups" claim.
        var page = await SignInThroughProviderAsync("ann");
        await page.WaitForURLAsync(url => url.TrimEnd('/') == app.BaseUrl);
        await Assertions.Expect(page.GetByText("ann@example.com").First).ToBeVisibleAsync();
        Assert.Equal(["HR"], await RolesAsync("ann@example.com"));
        await page.OpenInteractiveAsync($"{app.BaseUrl}/admin/months");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Months" })).ToBeVisibleAsync();
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var ann = (await users.FindByEmailAsync("ann@example.com"))!;
            Assert.False(await users.HasPasswordAsync(ann));
            Assert.Equal("sub-ann-7f3", Assert.Single(await users.GetLoginsAsync(ann)).ProviderKey);
        }

        // The provider's claim decides again at the next sign-in.
        app.Provider.Add("ann", new TestOidcUser("sub-ann-7f3", "ann@example.com", true, "attendance-admin"));
        var again = await SignInThroughProviderAsync("ann");
        await again.WaitForURLAsync(url => url.TrimEnd('/') == app.BaseUrl);
        Assert.Equal(["Admin"], await RolesAsync("ann@example.com"));

        // Removed at the provider: the provider refuses her, and there is no password to fall back on.
        app.Provider.Remove("ann");
        var refused = await SignInThroughProviderAsync("ann");
        await Assertions.Expect(refused.GetByRole(AriaRole.Heading, new() { Name = "No such account" })).ToBeVisibleAsync();
        var password = await app.Browser.NewPageAsync();
        await password.GotoAsync($"{app.BaseUrl}/Account/Login");
        await password.GetByLabel("Email").FillAsync("ann@example.com");
        await password.GetByLabel("Password").FillAsync("Any-Password-123");
        await password.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await Assertions.Expect(password.GetByText("Invalid login attempt")).ToBeVisibleAsync();
        Assert.Contains("/Account/Login", password.Url);
    }
}
