using System.Net;
using AttendanceBlazor.Data.Entities;

namespace AttendanceBlazor.Web.Tests;

public sealed class SecurityTests : IDisposable
{
    private readonly AppFactory _app = new();

    [Fact]
    public async Task PagesAndApiAnswersCarryTheSecurityHeaders()
    {
        var client = _app.CreateClient();
        foreach (var response in new[] { await client.GetAsync("/setup"), await client.GetAsync("/attendance?name=x") })
        {
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        }
    }

    [Fact]
    public async Task ADeviceOverItsRateGets429WithRetryAfter()
    {
        _app.Settings["RateLimits:ApiPermitsPerMinute"] = "3";
        var api = await _app.ApiClientAsync(DeviceScopes.ReadAttendance);
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/attendance?name=x")).StatusCode);

        var limited = await api.GetAsync("/attendance?name=x");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("too many requests", await limited.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WrongKeysFromOneAddressAreRefusedFor429UntilTheWindowPassesAndAValidKeyStillWorks()
    {
        _app.Settings["RateLimits:FailedKeyAttempts"] = "3";
        var good = await _app.ApiClientAsync(DeviceScopes.ReadAttendance);
        var guesser = _app.CreateClient();
        guesser.DefaultRequestHeaders.Add("X-Api-Key", "att_guess");
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.GetAsync("/attendance?name=x")).StatusCode);

        var blocked = await guesser.GetAsync("/attendance?name=x");
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.True(blocked.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        // The test server has one address for every client, as a proxy or a NAT gives everyone behind it: the key is
        // checked before the address is counted, so a valid key is never turned away (security review finding 8).
        Assert.Equal(HttpStatusCode.NotFound, (await good.GetAsync("/attendance?name=x")).StatusCode);

        _app.Time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.GetAsync("/attendance?name=x")).StatusCode);
    }

    public void Dispose() => _app.Dispose();
}
