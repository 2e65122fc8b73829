using System.Net;
using AttendanceBlazor.Application.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AttendanceBlazor.Web.Tests.Security;

/// <summary>The sign-in throttle belongs to the sign-in pages' endpoints, so every address routing sends there counts.</summary>
public sealed class SignInThrottleTests : IDisposable
{
    private readonly AppFactory _app = new();

    public SignInThrottleTests() => _app.Settings["RateLimits:SignInPerAddressPerMinute"] = "10";

    [Theory]
    [InlineData("/Account/Login/")]
    [InlineData("/ACCOUNT/login")]
    [InlineData("/Account/Login?returnUrl=%2F")]
    public async Task PostsToAnotherSpellingOfTheSignInAddressAreThrottledLikeTheFormItself(string path)
    {
        await _app.CreateUserAsync("admin@example.com", Roles.Admin);
        var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        for (var i = 0; i < 10; i++)
        {
            var answer = await SignIn.PostLoginAsync(browser, $"nobody{i}@example.com", "Wrong-password-1", path);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, answer.StatusCode);
        }

        var limited = await SignIn.PostLoginAsync(browser, "admin@example.com", SignIn.Password, path);
        var viaTheForm = await SignIn.PostLoginAsync(browser, "admin@example.com", SignIn.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, viaTheForm.StatusCode);
        Assert.Contains("Too many sign-in attempts", await limited.Content.ReadAsStringAsync());
    }

    public void Dispose() => _app.Dispose();
}
