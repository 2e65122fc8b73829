using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AttendanceBlazor.Application.Review;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceBlazor.Web.Tests;

/// <summary>The three answers (sure, doubtful, unknown), lookalike holds, several stills, and event time, through the REST API.</summary>
public sealed class TrustedCheckInTests : IDisposable
{
    private readonly AppFactory _app = new();

    private static MultipartFormDataContent Stills(string? name, params string[] photos)
    {
        var form = new MultipartFormDataContent();
        foreach (var photo in photos)
        {
            var content = new ByteArrayContent(File.ReadAllBytes(TestFaces.PathOf(photo)));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            form.Add(content, "image", Path.GetFileName(photo));
        }
        if (name is not null) form.Add(new StringContent(name), "name");
        return form;
    }

    [Fact]
    public async Task ADoubtfulFaceGets409DoubtfulMatchWithoutTheCandidatesNameAndNothingIsRecorded()
    {
        var api = await _app.ApiClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/alex_lacamoire/1.jpg", "Alex Lacamoire"))).StatusCode);
        _app.Time.Advance(TimeSpan.FromHours(1));

        // The hardest true match of ../shared/faces: 0.53 from his registration, between the sure and the match threshold.
        var response = await api.PostAsync("/check_in_or_out", AppFactory.Form("probe/alex_lacamoire_2.png"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("doubtful_match", JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
        Assert.DoesNotContain("Alex", body);
        await using var db = _app.Db();
        Assert.Null((await db.AttendanceRecords.SingleAsync()).CheckOutUtc);
    }

    [Fact]
    public async Task MoreStillsOfTheSameFaceInOneRequestAreOneCheckInAndRegisterSeveralTemplates()
    {
        var api = await _app.ApiClientAsync();
        var registered = await api.PostAsync("/check_in_or_out", Stills("Barack Obama", "enroll/obama/1.jpg", "enroll/obama/2.jpg"));
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        _app.Time.Advance(TimeSpan.FromHours(8));
        var out1 = await api.PostAsync("/check_in_or_out", Stills(null, "probe/obama.jpg", "probe/obama_3.jpg"));

        Assert.Equal("check_out", (await out1.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("action").GetString());
        await using var db = _app.Db();
        Assert.Equal(2, await db.FaceTemplates.CountAsync());
        Assert.Single(await db.AttendanceRecords.ToListAsync());
    }

    [Fact]
    public async Task StillsOfDifferentPeopleOrMoreThanFiveAreRefusedAndNothingIsWritten()
    {
        var api = await _app.ApiClientAsync();

        var mixed = await api.PostAsync("/check_in_or_out", Stills("Barack Obama", "enroll/obama/1.jpg", "enroll/biden/1.jpg"));
        var six = await api.PostAsync("/check_in_or_out", Stills("Barack Obama", Enumerable.Repeat("enroll/obama/1.jpg", 6).ToArray()));

        Assert.Equal(HttpStatusCode.BadRequest, mixed.StatusCode);
        Assert.Contains("different people", await mixed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, six.StatusCode);
        Assert.Contains("at most 5", await six.Content.ReadAsStringAsync());
        await using var db = _app.Db();
        Assert.False(await db.People.AnyAsync());
    }

    [Fact]
    public async Task ANewFaceCloseToSomeoneIsHeldForHrAsALookalikeAndHrsConfirmationRegistersIt()
    {
        var api = await _app.ApiClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/alex_lacamoire/1.jpg", "Alex Lacamoire"))).StatusCode);
        _app.Time.Advance(TimeSpan.FromHours(1));

        var held = await api.PostAsync("/check_in_or_out", AppFactory.Form("probe/alex_lacamoire_2.png", "Alexander Lacamoire", consent: "true"));

        Assert.Equal(HttpStatusCode.Conflict, held.StatusCode);
        Assert.Equal("lookalike", (await held.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var review = _app.Services.GetRequiredService<ReviewService>();
        var item = Assert.Single(await review.OpenAsync());
        Assert.Equal((ReviewKind.PendingRegistration, "Alexander Lacamoire", "Alex Lacamoire"), (item.Kind, item.PendingName, item.CandidateName));
        await using (var db = _app.Db()) Assert.Equal(1, await db.People.CountAsync());

        var confirmed = await review.ConfirmAsync(item.ItemId!.Value, new Actor(null, "hr@example.com"));

        Assert.True(confirmed.Succeeded, confirmed.ToString());
        await using var check = _app.Db();
        var person = await check.People.Include(p => p.Templates).Include(p => p.Records).SingleAsync(p => p.DisplayName == "Alexander Lacamoire");
        Assert.Single(person.Templates);
        Assert.Equal(_app.Time.GetUtcNow().UtcDateTime, Assert.Single(person.Records).CheckInUtc);
        Assert.NotNull(person.ConsentUtc);
        Assert.Null((await check.ReviewItems.SingleAsync()).PendingDescriptors);
        Assert.True(await check.AuditEntries.AnyAsync(a => a.Action == "review-confirm" && a.UserName == "hr@example.com"));
    }

    [Fact]
    public async Task ThirtySimultaneousIdenticalCheckInsWithATwoSecondWindowChangeTheStateOnce()
    {
        var api = await _app.ApiClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"))).StatusCode);
        var settings = _app.Services.GetRequiredService<SettingsService>();
        var form = await settings.LoadAsync();
        form.DuplicateWindowSeconds = 2;
        Assert.True((await settings.SaveAsync(form, Actor.System)).Succeeded);
        _app.Time.Advance(TimeSpan.FromHours(8));

        // Every request's event time is when its still arrived; the last ones wait behind the first's write, and
        // still count as the same moment.
        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => api.PostAsync("/check_in_or_out", AppFactory.Form("probe/obama.jpg"))));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(29, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        await using var db = _app.Db();
        var record = await db.AttendanceRecords.SingleAsync();
        Assert.Equal(_app.Time.GetUtcNow().UtcDateTime, record.CheckOutUtc);
    }

    [Fact]
    public async Task TheSameNewFaceRegisteredAtTwoKiosksAtOnceBecomesOnePerson()
    {
        var api = await _app.ApiClientAsync();

        var both = await Task.WhenAll(
            api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama")),
            api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "B. Obama")));

        Assert.Equal(1, both.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(1, both.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        await using var db = _app.Db();
        Assert.Equal(1, await db.People.CountAsync());
    }

    public static TheoryData<string, string> LookalikeNames() => new()
    {
        { "zero-width space", "Ann\u200B Lee" },
        { "zero-width joiner", "Ann Le\u200De" },
        { "Cyrillic A", "\u0410nn Lee" },
        { "Greek omicron in a name with o", "J\u03BFe Biden" },
        { "right-to-left override", "Ann \u202ELee" },
        { "combining acute", "Jose\u0301 Lee" },
        { "full-width letters", "\uFF21nn Lee" },
        { "typographic apostrophe", "Ann O\u2019Lee" },
    };

    [Theory]
    [MemberData(nameof(LookalikeNames))]
    public async Task ANameThatLooksLikeAnExistingOneIsRefused(string what, string name)
    {
        var api = await _app.ApiClientAsync();
        var existing = what switch
        {
            "Greek omicron in a name with o" => "Joe Biden",
            "combining acute" => "José Lee",
            "typographic apostrophe" => "Ann O'Lee",
            _ => "Ann Lee",
        };
        Assert.True((await _app.Services.GetRequiredService<PinService>().CreateWithPinAsync(existing, "4711", Actor.System)).Succeeded);

        var response = await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", name));

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict, $"{what}: {(int)response.StatusCode}");
        await using var db = _app.Db();
        Assert.Equal(1, await db.People.CountAsync());
    }

    [Theory]
    [InlineData("<b>Ann</b>", "not \"<\"")]
    [InlineData("Ann Lee 😀", "not \"😀\"")]
    [InlineData("1234", "at least one letter")]
    [InlineData("Ann\u0000Lee", "invisible or control")]
    public async Task ANameWithCharactersANameDoesNotHaveIsRefusedWithTheReason(string name, string reason)
    {
        var api = await _app.ApiClientAsync();

        var response = await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", name));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task HrCanStillNameSomeoneAnnLeeSales()
    {
        var created = await _app.Services.GetRequiredService<PinService>().CreateWithPinAsync("Ann Lee (Sales), O’Neil-Smith", "4711", Actor.System);
        Assert.True(created.Succeeded, created.ToString());
    }

    public void Dispose() => _app.Dispose();
}
