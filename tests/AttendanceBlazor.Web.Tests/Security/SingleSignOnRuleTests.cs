using AttendanceBlazor.Application;
using AttendanceBlazor.Application.Accounts;
using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Data.Entities;
using AttendanceBlazor.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceBlazor.Web.Tests;

/// <summary>
/// Who single sign-on lets in, and as whom: the app with a real provider on 127.0.0.1 configured (its discovery and
/// userinfo are used), on a real SQLite file; the browser flow itself is in SingleSignOnTests (Chromium).
/// </summary>
public sealed class SingleSignOnRuleTests : IAsyncDisposable
{
    private readonly TestOidcProvider _provider = TestOidcProvider.StartAsync().GetAwaiter().GetResult();
    private readonly AppFactory _app;

    public SingleSignOnRuleTests()
    {
        _app = new AppFactory { SystemClock = true };
        _app.Settings["Authentication:Oidc:Authority"] = _provider.Issuer;
        _app.Settings["Authentication:Oidc:ClientId"] = TestOidcProvider.ClientId;
        _app.Settings["Authentication:Oidc:ClientSecret"] = TestOidcProvider.ClientSecret;
        _app.Settings["Authentication:Oidc:RoleClaim"] = "groups";
        _app.Settings["Authentication:Oidc:Roles:attendance-hr"] = "HR";
        _app.Settings["Authentication:Oidc:RequireHttpsMetadata"] = "false";
    }

    private SingleSignOn Sso => _app.Services.GetRequiredService<SingleSignOn>();

    private async Task<ApplicationUser> UserAsync(string email)
    {
        using var scope = _app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email))!;
    }

    private async Task<bool> HasPasswordAsync(string email)
    {
        using var scope = _app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.HasPasswordAsync((await users.FindByEmailAsync(email))!);
    }

    [Fact]
    public async Task AVerifiedEmailLinksTheExistingAccountTakesItsPasswordAndSetsTheMappedRole()
    {
        await _app.CreateUserAsync("ann@example.com", "Employee");
        Assert.True(await HasPasswordAsync("ann@example.com"));

        var result = await Sso.SignInAsync(new SsoIdentity("sub-1", "ann@example.com", true, ["attendance-hr", "something-else"]));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal((await UserAsync("ann@example.com")).Id, result.CreatedId);
        Assert.False(await HasPasswordAsync("ann@example.com"));
        using var scope = _app.Services.CreateScope();
        Assert.Equal(["HR"], await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().GetRolesAsync(await UserAsync("ann@example.com")));
    }

    [Fact]
    public async Task AnUnverifiedEmailNeverLinksAnAccount()
    {
        await _app.CreateUserAsync("ann@example.com", "Admin");

        var result = await Sso.SignInAsync(new SsoIdentity("attacker-sub", "ann@example.com", false, ["attendance-hr"]));

        Assert.Equal(Outcome.SsoNotLinked, result.Outcome);
        Assert.True(await HasPasswordAsync("ann@example.com"));
    }

    [Fact]
    public async Task WithoutAnEmailVerifiedClaimTheSubjectMustBeLinkedByAnAdminOnce()
    {
        await _app.CreateUserAsync("ann@example.com", "Employee");
        // Entra ID sends no email_verified: the address alone does not link.
        Assert.Equal(Outcome.SsoNotLinked, (await Sso.SignInAsync(new SsoIdentity("entra-oid-1", "ann@example.com", null, []))).Outcome);

        Assert.True((await Sso.LinkSubjectAsync("ann@example.com", "entra-oid-1", new Actor(null, "admin@example.com"))).Succeeded);
        var result = await Sso.SignInAsync(new SsoIdentity("entra-oid-1", "ann@example.com", null, []));

        Assert.True(result.Succeeded, result.ToString());
        using var scope = _app.Services.CreateScope();
        // No role mapped: the least, Employee.
        Assert.Equal(["Employee"], await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().GetRolesAsync(await UserAsync("ann@example.com")));
    }

    [Fact]
    public async Task NoMatchingAccountIsRefusedUnlessNewUsersAreAllowed()
    {
        var result = await Sso.SignInAsync(new SsoIdentity("sub-9", "new@example.com", true, []));
        Assert.Equal(Outcome.SsoNoAccount, result.Outcome);
        Assert.Null(await UserAsync("new@example.com"));
    }

    [Fact]
    public async Task ALocalAdministratorIsNeverLinkedOrChangedByTheProvider()
    {
        var created = await _app.Services.GetRequiredService<AccountService>().CreateFirstAdminAsync("root@example.com", "Root-Password-123");
        Assert.True(created.Succeeded);

        var result = await Sso.SignInAsync(new SsoIdentity("sub-root", "root@example.com", true, ["attendance-hr"]));

        Assert.Equal(Outcome.SsoLocalAdmin, result.Outcome);
        Assert.True(await HasPasswordAsync("root@example.com"));
        Assert.Equal(Outcome.SsoLocalAdmin, (await Sso.LinkSubjectAsync("root@example.com", "sub-root", new Actor(null, "admin"))).Outcome);
    }

    [Fact]
    public async Task ARemovedPersonsSessionFailsTheProviderCheckThatRunsEveryMinute()
    {
        _provider.Add("ann", new TestOidcUser("sub-1", "ann@example.com", true));
        await _app.CreateUserAsync("ann@example.com", "Employee");
        var (access, refresh, expires) = _provider.IssueTokens("ann");
        Assert.True((await Sso.SignInAsync(new SsoIdentity("sub-1", "ann@example.com", true, [], new SsoTokens(access, refresh, expires)))).Succeeded);
        var check = _app.Services.GetRequiredService<ProviderCheck>();
        Assert.True(await check.StillKnownAsync(await UserAsync("ann@example.com")));

        _provider.Remove("ann");

        Assert.False(await check.StillKnownAsync(await UserAsync("ann@example.com")));
        Assert.True(_provider.UserInfoCalls >= 2);
    }

    [Fact]
    public async Task AfterTheAccessTokenExpiresTheSessionIsKeptByARefreshUntilTheProviderRefusesIt()
    {
        _provider.AccessTokenLifetime = TimeSpan.FromSeconds(31);
        _provider.Add("ann", new TestOidcUser("sub-1", "ann@example.com", true));
        await _app.CreateUserAsync("ann@example.com", "Employee");
        var (access, refresh, _) = _provider.IssueTokens("ann");
        // Kept as expired already: the next check refreshes instead of asking userinfo with a dead token.
        Assert.True((await Sso.SignInAsync(new SsoIdentity("sub-1", "ann@example.com", true, [], new SsoTokens(access, refresh, DateTimeOffset.UtcNow.AddSeconds(-1))))).Succeeded);
        var check = _app.Services.GetRequiredService<ProviderCheck>();
        var ann = await UserAsync("ann@example.com");

        Assert.True(await check.StillKnownAsync(ann));
        Assert.Equal(1, _provider.Refreshes);
        var kept = await Sso.TokensAsync(ann.Id);
        Assert.NotEqual(access, kept!.AccessToken);
        Assert.NotEqual(refresh, kept.RefreshToken);

        // Removed at the provider; once the new access token is past its time too, the refresh is refused.
        _provider.Remove("ann");
        await Sso.StoreTokensAsync(ann.Id, kept with { ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(-1) });
        Assert.False(await check.StillKnownAsync(ann));
    }

    [Fact]
    public async Task AnAccountLinkedToOneSubjectIsNotTakenOverByAnotherWithTheSameVerifiedAddress()
    {
        await _app.CreateUserAsync("ann@example.com", "Employee");
        Assert.True((await Sso.SignInAsync(new SsoIdentity("sub-old", "ann@example.com", true, []))).Succeeded);

        var other = await Sso.SignInAsync(new SsoIdentity("sub-new", "ann@example.com", true, []));

        Assert.Equal(Outcome.SsoNotLinked, other.Outcome);
        Assert.True((await Sso.SignInAsync(new SsoIdentity("sub-old", "ann@example.com", true, []))).Succeeded);
    }

    [Fact]
    public async Task ALinkedAccountCannotUseAPasswordEvenIfAnAdminSetsOne()
    {
        await _app.CreateUserAsync("ann@example.com", "Employee");
        Assert.True((await Sso.SignInAsync(new SsoIdentity("sub-1", "ann@example.com", true, []))).Succeeded);
        var ann = await UserAsync("ann@example.com");
        Assert.True((await _app.Services.GetRequiredService<AccountService>().SetPasswordAsync(ann.Id, "Brand-New-Password-1", new Actor(null, "admin"))).Succeeded);

        using var scope = _app.Services.CreateScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<ApplicationUser>>();
        var result = await signIn.CheckPasswordSignInAsync(await UserAsync("ann@example.com"), "Brand-New-Password-1", lockoutOnFailure: false);

        Assert.True(result.IsNotAllowed);
    }

    [Fact]
    public void TheKioskRoleCannotBeMappedAndTheAppRefusesToStartSayingSo()
    {
        using var app = new AppFactory();
        app.Settings["Authentication:Oidc:Authority"] = _provider.Issuer;
        app.Settings["Authentication:Oidc:ClientId"] = "x";
        app.Settings["Authentication:Oidc:Roles:kiosks"] = "Kiosk";
        var error = Assert.ThrowsAny<Exception>(() => app.Services);
        Assert.Contains("maps to Kiosk", error.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _provider.DisposeAsync();
    }
}
