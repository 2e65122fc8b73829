using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceBlazor.Web.Tests;

/// <summary>
/// Idempotency-Key on POST /check_in_or_out (an addition to the API): a device that lost the answer sends the same
/// request again with the same key and gets the first answer, and nothing is recorded twice. Without the key, nothing
/// changes; the key is the device's own, and a key that is not one is refused clearly.
/// </summary>
public sealed class IdempotencyTests : IDisposable
{
    private readonly AppFactory _app = new();

    private static HttpRequestMessage Post(string photo, string? key, string? name = null, string? consent = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/check_in_or_out") { Content = AppFactory.Form(photo, name, consent: consent) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    [Fact]
    public async Task AResendWithTheSameKeyGetsTheFirstAnswerAgainAndRecordsNothingTwice()
    {
        var api = await _app.ApiClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(Post("enroll/obama/1.jpg", null, "Barack Obama"))).StatusCode);
        _app.Time.Advance(TimeSpan.FromHours(8));

        var first = await api.SendAsync(Post("probe/obama.jpg", "3f0c9a6e-7d7b-4f0e-9a55-1f2d6c0b8a11"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.Equal("check_out", JsonDocument.Parse(firstBody).RootElement.GetProperty("action").GetString());
        Assert.False(first.Headers.Contains("Idempotency-Replayed"));

        // The answer was lost; two hours later (well past the duplicate window) the device sends it again.
        _app.Time.Advance(TimeSpan.FromHours(2));
        var again = await api.SendAsync(Post("probe/obama.jpg", "3f0c9a6e-7d7b-4f0e-9a55-1f2d6c0b8a11"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(firstBody, await again.Content.ReadAsStringAsync());
        Assert.Equal("true", again.Headers.GetValues("Idempotency-Replayed").Single());
        await using (var db = _app.Db())
        {
            var record = await db.AttendanceRecords.SingleAsync();
            Assert.NotNull(record.CheckOutUtc);
        }

        // A new key is a new request: the person checks in again.
        var next = await api.SendAsync(Post("probe/obama.jpg", "9b1e5d2c-0a44-4c1b-8f7e-2b6a9d3e4f50"));
        Assert.Equal("check_in", (await next.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("action").GetString());
        await using (var db = _app.Db()) Assert.Equal(2, await db.AttendanceRecords.CountAsync());
    }

    [Fact]
    public async Task AKeyReusedForAnotherImageOrWithConsentFalseIsAnswered422AndRecordsNothing()
    {
        var api = await _app.ApiClientAsync();
        var first = await api.SendAsync(Post("enroll/obama/1.jpg", "k-1", "Barack Obama"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        _app.Time.Advance(TimeSpan.FromHours(1));

        // The same key for another person's photo and name, and for the first request with consent=false (security
        // recheck N6): each is refused, never answered with the first one's outcome ("Barack Obama registered ...").
        var other = await api.SendAsync(Post("enroll/kit_harington/1.jpg", "k-1", "Kit Harington"));
        var declined = await api.SendAsync(Post("enroll/obama/1.jpg", "k-1", "Barack Obama", consent: "false"));
        // The very same request is still a resend.
        var resend = await api.SendAsync(Post("enroll/obama/1.jpg", "k-1", "Barack Obama"));

        foreach (var refused in new[] { other, declined })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            var body = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("idempotency_key_reused", body.GetProperty("code").GetString());
            Assert.Contains("already used for a different request", body.GetProperty("error").GetString());
            Assert.DoesNotContain("Barack Obama", body.ToString());
        }
        Assert.Equal((HttpStatusCode.OK, "true"), (resend.StatusCode, resend.Headers.GetValues("Idempotency-Replayed").Single()));
        await using var db = _app.Db();
        Assert.Equal(["Barack Obama"], await db.People.Select(p => p.DisplayName).ToListAsync());
        Assert.Single(await db.AttendanceRecords.ToListAsync());
    }

    [Fact]
    public async Task AfterErasureAResendOfTheirKeyNoLongerNamesTheErasedPerson()
    {
        var api = await _app.ApiClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(Post("enroll/obama/1.jpg", "k-9", "Barack Obama"))).StatusCode);
        var id = await _app.Db().People.Select(p => p.Id).SingleAsync();

        Assert.True((await _app.Services.GetRequiredService<Application.People.PeopleService>().EraseAsync(id, new Application.Audit.Actor(null, "hr"), "asked")).Succeeded);
        var resend = await api.SendAsync(Post("enroll/obama/1.jpg", "k-9", "Barack Obama"));

        // The key's row went with the person (security recheck N5): the resend is decided again, as a new request.
        Assert.False(resend.Headers.Contains("Idempotency-Replayed"));
        await using var db = _app.Db();
        Assert.Empty(await db.IdempotentRequests.Where(r => r.PersonId == id).ToListAsync());
    }

    [Fact]
    public async Task ARefusalIsAnsweredTheSameOnAResendAndAKeyBelongsToItsDeviceOnly()
    {
        var lobby = await _app.ApiClientAsync();
        var refused = await lobby.SendAsync(Post("edge/obama_and_biden.jpg", "same-key", "Someone"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var resent = await lobby.SendAsync(Post("edge/obama_and_biden.jpg", "same-key", "Someone"));
        Assert.Equal(HttpStatusCode.BadRequest, resent.StatusCode);
        // A refusal recorded nothing and keeps nothing: the resend is decided again, to the same answer.
        Assert.Equal((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(),
            (await resent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.False(resent.Headers.Contains("Idempotency-Replayed"));

        // Another device's "same-key" is its own request.
        var gate = await _app.ApiClientAsync();
        var registered = await gate.SendAsync(Post("enroll/obama/1.jpg", "same-key", "Barack Obama"));
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        Assert.Equal("register_and_check_in", (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("action").GetString());
    }

    [Fact]
    public async Task TwoCopiesOfOneKeySentAtOnceRecordOneEventAndGetTheSameAnswer()
    {
        var api = await _app.ApiClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(Post("enroll/obama/1.jpg", null, "Barack Obama"))).StatusCode);
        // No duplicate window: without the key, two copies would check out and in again.
        var settings = _app.Services.GetRequiredService<SettingsService>();
        var form = await settings.LoadAsync();
        form.DuplicateWindowSeconds = 0;
        Assert.True((await settings.SaveAsync(form, new Actor(null, "admin@example.com"))).Succeeded);
        _app.Time.Advance(TimeSpan.FromHours(8));

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => api.SendAsync(Post("probe/obama.jpg", "c0ffee00-0000-4000-8000-000000000001"))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var bodies = await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()));
        Assert.Single(bodies.Distinct());
        Assert.Equal(5, answers.Count(a => a.Headers.Contains("Idempotency-Replayed")));
        await using var db = _app.Db();
        Assert.NotNull((await db.AttendanceRecords.SingleAsync()).CheckOutUtc);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789x")]
    [InlineData("ключ")]
    public async Task AKeyThatIsNotOneIsRefusedWith400AndNothingIsProcessed(string key)
    {
        var api = await _app.ApiClientAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/check_in_or_out") { Content = AppFactory.Form("enroll/obama/1.jpg", "Barack Obama") };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        var response = await api.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Idempotency-Key", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        await using var db = _app.Db();
        Assert.Equal(0, await db.People.CountAsync());
    }

    [Fact]
    public async Task AKeyIsKeptADayThenTheRetentionJobForgetsIt()
    {
        var api = await _app.ApiClientAsync();
        await api.SendAsync(Post("enroll/obama/1.jpg", "day-old", "Barack Obama"));
        _app.Time.Advance(TimeSpan.FromHours(25));
        await _app.Services.GetRequiredService<Application.Jobs.Retention>().RunAsync(CancellationToken.None);
        await using var db = _app.Db();
        Assert.Equal(0, await db.IdempotentRequests.CountAsync());
    }

    [Fact]
    public async Task AfterErasureNoTableOrFileOfTheDatabaseHoldsThePersonsName()
    {
        // Everything that used to keep a name: a keyed registration, a PIN, wrong PINs typed with the name, a doubtful
        // question on HR's list, HR's audited changes with the name in a reason.
        var api = await _app.ApiClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(Post("enroll/obama/1.jpg", "k-erase", "Zed Erasable"))).StatusCode);
        int id;
        await using (var db = _app.Db()) id = (await db.People.SingleAsync()).Id;
        var hr = new Application.Audit.Actor(null, "hr");
        Assert.True((await _app.Services.GetRequiredService<Application.People.PinService>().SetPinAsync(id, "4821", eraseFaceData: false, hr)).Succeeded);
        for (var i = 0; i < 3; i++) await _app.Services.GetRequiredService<Application.CheckIn.PinCheckIn>().CheckAsync("Zed Erasable", "1357", "kiosk:lobby");
        Assert.True((await _app.Services.GetRequiredService<Application.People.PeopleService>().SetKioskNameAsync(id, "Zed E.", hr)).Succeeded);
        Assert.True((await _app.Services.GetRequiredService<Application.People.PeopleService>().RenameAsync(id, "Zed Erasable-Smith", hr, "married; was Zed Erasable")).Succeeded);

        Assert.True((await _app.Services.GetRequiredService<Application.People.PeopleService>().EraseAsync(id, hr, "asked")).Succeeded);

        // Read as SQLite stores it (the files as they are, the write-ahead log included), in UTF-8 and UTF-16.
        foreach (var (file, bytes) in _app.Folder.DatabaseFilesAsCopied())
        {
            foreach (var name in new[] { "Zed Erasable", "Zed E.", "ZED ERASABLE", "zed erasable" })
            {
                Assert.True(bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(name)) < 0, $"{file} still holds \"{name}\" in UTF-8");
                Assert.True(bytes.AsSpan().IndexOf(System.Text.Encoding.Unicode.GetBytes(name)) < 0, $"{file} still holds \"{name}\" in UTF-16");
            }
        }
    }

    public void Dispose() => _app.Dispose();
}
