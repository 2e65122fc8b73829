using System.Net;
using AttendanceBlazor.Data.Entities;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceBlazor.Web.Tests;

public sealed class AccessTests : IDisposable
{
    private readonly AppFactory _app = new();

    [Fact]
    public async Task CheckInWithoutAKeyIs401AndWithAWrongKeyToo()
    {
        var anonymous = _app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/check_in_or_out", AppFactory.Form("probe/obama.jpg"))).StatusCode);
        anonymous.DefaultRequestHeaders.Add("X-Api-Key", "att_not-a-real-key-at-all");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/attendance?name=x")).StatusCode);
    }

    [Fact]
    public async Task EachKeyGetsOnlyItsScopes()
    {
        var reader = await _app.ApiClientAsync(DeviceScopes.ReadAttendance);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync("/check_in_or_out", AppFactory.Form("probe/obama.jpg"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/attendance?name=x")).StatusCode);

        var kiosk = await _app.ApiClientAsync(DeviceScopes.CheckIn);
        Assert.Equal(HttpStatusCode.Forbidden, (await kiosk.GetAsync("/attendance?name=x")).StatusCode);
    }

    [Fact]
    public async Task ARevokedKeyStopsWorkingAtOnce()
    {
        var key = await _app.CreateKeyAsync(DeviceScopes.ReadAttendance, "door");
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/attendance?name=x")).StatusCode);
        await using (var db = _app.Db())
        {
            db.Devices.Single(d => d.Name == "door").Enabled = false;
            await db.SaveChangesAsync();
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/attendance?name=x")).StatusCode);
    }

    [Fact]
    public async Task WithNoAccountYetEveryPageLeadsToTheFirstRunSetup()
    {
        var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var home = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/setup", home.Headers.Location?.OriginalString);
        var setup = await browser.GetStringAsync("/setup");
        Assert.Contains("Create the first administrator account", setup);
        // Nothing to log in to and no menu yet: the page offers setup only.
        Assert.DoesNotContain("href=\"Account/Login\"", setup);
        Assert.DoesNotContain("openapi/v1.json", setup);
        Assert.DoesNotContain("<nav", setup);
        // The rules the server checks, in words, and for the browser to check before the form is sent.
        Assert.Contains("At least 10 characters, with an upper-case letter, a lower-case letter, a digit and a symbol.", setup);
        Assert.Contains("minlength=\"10\"", setup);
        Assert.Contains("pattern=\"", setup);
    }

    [Theory]
    [InlineData("short1A!")]
    [InlineData("longenough1!")]
    [InlineData("LONGENOUGH1!")]
    [InlineData("LongEnough!!")]
    [InlineData("LongEnough12")]
    [InlineData("Long-Enough-1")]
    public async Task ThePasswordRulesInWordsAgreeWithWhatIdentityAccepts(string password)
    {
        using var scope = _app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ApplicationUser>>();
        var accepted = true;
        foreach (var validator in users.PasswordValidators)
        {
            accepted &= (await validator.ValidateAsync(users, new ApplicationUser(), password)).Succeeded;
        }
        var options = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Identity.IdentityOptions>>().Value.Password;
        Assert.Equal(accepted, Text.PasswordRules.Missing(Localization.English.Instance, password, options).Count == 0);
        Assert.Equal(accepted, System.Text.RegularExpressions.Regex.IsMatch(password, $"^(?:{Text.PasswordRules.HtmlPattern(options)})$"));
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesBothEndpoints()
    {
        var doc = await _app.CreateClient().GetStringAsync("/openapi/v1.json");
        Assert.Contains("\"/check_in_or_out\"", doc);
        Assert.Contains("\"/attendance\"", doc);
        Assert.Contains("multipart/form-data", doc);
    }

    public void Dispose() => _app.Dispose();
}
