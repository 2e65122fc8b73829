using System.Net;
using System.Text.RegularExpressions;
using AttendanceBlazor.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceBlazor.Testing;

/// <summary>Accounts and real sign-ins through the app's own login form (antiforgery token, cookie and all).</summary>
public static partial class SignIn
{
    public const string Password = "Correct-horse-9";

    public static async Task<ApplicationUser> CreateUserAsync<T>(this WebApplicationFactory<T> app, string email, params string[] roles) where T : class =>
        await app.Services.CreateUserAsync(email, roles);

    public static async Task<ApplicationUser> CreateUserAsync(this IServiceProvider services, string email, params string[] roles)
    {
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        if (roles.Length > 0) await users.AddToRolesAsync(user, roles);
        return user;
    }

    /// <summary>A client that signed in through POST /Account/Login; it keeps the cookie and does not follow redirects.</summary>
    public static async Task<HttpClient> SignedInClientAsync<T>(this WebApplicationFactory<T> app, string email) where T : class
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await PostLoginAsync(client, email, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("Login", response.Headers.Location?.ToString() ?? "");
        return client;
    }

    /// <summary>Posts the login form as a browser would (token from the form, the client's cookies); returns the answer.</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password, string path = "/Account/Login")
    {
        var form = await client.GetStringAsync("/Account/Login");
        var token = AntiforgeryToken(form);
        Assert.False(string.IsNullOrEmpty(token), "the login form has no antiforgery token");
        return await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    /// <summary>Signs in through the login form by hand and returns the sign-in cookie as a Cookie header value.</summary>
    public static async Task<string> SignInCookieAsync<T>(this WebApplicationFactory<T> app, string email) where T : class
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var form = await client.GetAsync("/Account/Login");
        var antiforgery = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = AntiforgeryToken(await form.Content.ReadAsStringAsync());
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["_handler"] = "login",
                ["Input.Email"] = email,
                ["Input.Password"] = Password,
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        var response = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Where(c => c.StartsWith(".AspNetCore.Identity.Application", StringComparison.Ordinal)));
    }

    public static string AntiforgeryToken(string html) => AntiforgeryTokenPattern().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryTokenPattern();
}
