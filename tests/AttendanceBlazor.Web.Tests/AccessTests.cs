using System.Net;
using AttendanceBlazor.Data.Entities;
using Microsoft.AspNetCore.Mvc.Testing;

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
