using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceBlazor.Web.Tests;

/// <summary>The PIN alternative, the export of everything held about a person, anonymized erasure and the retention job.</summary>
public sealed class PrivacyTests : IAsyncLifetime
{
    private static readonly Actor Hr = new(null, "hr@example.com");
    private readonly AppFactory _app = new();
    private HttpClient _api = default!;
    private int _obama;

    private PeopleService People => _app.Services.GetRequiredService<PeopleService>();

    private PinService Pins => _app.Services.GetRequiredService<PinService>();

    private PinCheckIn PinCheckIns => _app.Services.GetRequiredService<PinCheckIn>();

    public async Task InitializeAsync()
    {
        _app.Settings["Attendance:KeepRecordsOnErasure"] = "true";
        _api = await _app.ApiClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await _api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"))).StatusCode);
        await using var db = _app.Db();
        _obama = (await db.People.SingleAsync()).Id;
    }

    [Fact]
    public async Task APersonWhoDeclinesTheirFaceChecksInWithNameAndPinAndTheFaceIsNoLongerKnown()
    {
        var set = await Pins.SetPinAsync(_obama, "4821", eraseFaceData: true, Hr);
        Assert.True(set.Succeeded, set.ToString());
        _app.Time.Advance(TimeSpan.FromHours(8));

        var byPin = await PinCheckIns.CheckAsync("barack  obama", "4821", "kiosk:lobby");
        _app.Time.Advance(TimeSpan.FromMinutes(5));
        var byFace = await _api.PostAsync("/check_in_or_out", AppFactory.Form("probe/obama.jpg"));

        Assert.Equal(CheckOutcome.CheckedOut, byPin.Outcome);
        Assert.Equal(HttpStatusCode.BadRequest, byFace.StatusCode);
        Assert.Contains("unknown face", await byFace.Content.ReadAsStringAsync());
        await using var db = _app.Db();
        Assert.Empty(await db.FaceTemplates.ToListAsync());
        var person = await db.People.SingleAsync();
        Assert.DoesNotContain("4821", person.PinHash);
    }

    [Theory]
    [InlineData("12")]
    [InlineData("1234")]
    [InlineData("7777")]
    [InlineData("12a4")]
    public async Task AWeakOrMalformedPinIsRefused(string pin)
    {
        var result = await Pins.SetPinAsync(_obama, pin, eraseFaceData: false, Hr);
        Assert.False(result.Succeeded);
        await using var db = _app.Db();
        Assert.Null((await db.People.SingleAsync()).PinHash);
    }

    [Fact]
    public async Task WrongPinsLockThePinAndTheAnswerNeverSaysWhichPartWasWrong()
    {
        Assert.True((await Pins.SetPinAsync(_obama, "4821", eraseFaceData: false, Hr)).Succeeded);
        _app.Time.Advance(TimeSpan.FromHours(1));

        var unknownName = await PinCheckIns.CheckAsync("Nobody Here", "4821", "kiosk");
        var wrong = new List<CheckResult>();
        for (var i = 0; i < 5; i++) wrong.Add(await PinCheckIns.CheckAsync("Barack Obama", "0000", "kiosk"));
        var rightButLocked = await PinCheckIns.CheckAsync("Barack Obama", "4821", "kiosk");
        _app.Time.Advance(TimeSpan.FromMinutes(16));
        var afterLockout = await PinCheckIns.CheckAsync("Barack Obama", "4821", "kiosk");

        Assert.Equal(unknownName, wrong[0]);
        Assert.All(wrong, w => Assert.Equal(CheckOutcome.BadPin, w.Outcome));
        // Locked: the right PIN gets the very answer an unknown name gets.
        Assert.Equal(unknownName, rightButLocked);
        Assert.Equal(CheckOutcome.CheckedOut, afterLockout.Outcome);
    }

    [Fact]
    public async Task TheExportHoldsEverythingKeptAboutThePersonAndNothingAboutOthers()
    {
        Assert.Equal(HttpStatusCode.OK, (await _api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/biden/1.jpg", "Joe Biden"))).StatusCode);
        Assert.True((await People.RenameAsync(_obama, "Barack H. Obama", Hr, "full name")).Succeeded);

        var export = await _app.Services.GetRequiredService<PersonExportService>().ExportAsync(_obama);

        Assert.NotNull(export);
        Assert.Equal("Barack H. Obama", export.Person.Name);
        Assert.Equal(128, Assert.Single(export.FaceTemplates).Descriptor.Length);
        Assert.NotNull(export.FaceTemplates[0].ThumbnailJpegBase64);
        Assert.Single(export.AttendanceRecords);
        Assert.Equal(["register", "rename"], export.AuditTrail.Select(a => a.Action));
        var json = JsonSerializer.Serialize(export, PersonExport.JsonOptions);
        Assert.DoesNotContain("Biden", json);
    }

    [Fact]
    public async Task ErasureWithRecordsKeptLeavesAnonymousRowsAndNoFaceNameOrConsent()
    {
        var result = await People.EraseAsync(_obama, Hr, "left the company");

        Assert.True(result.Succeeded, result.ToString());
        await using var db = _app.Db();
        var person = await db.People.SingleAsync();
        Assert.Equal($"Erased person {_obama}", person.DisplayName);
        Assert.Null(person.ConsentUtc);
        Assert.NotNull(person.ErasedUtc);
        Assert.Empty(await db.FaceTemplates.ToListAsync());
        Assert.Single(await db.AttendanceRecords.ToListAsync());
        Assert.DoesNotContain(await db.AuditEntries.Where(a => a.Action == "delete").Select(a => a.OldValues + a.NewValues).ToListAsync(), v => v.Contains("Obama"));
        // The face is not recognised any more, and the name is free again.
        _app.Time.Advance(TimeSpan.FromHours(1));
        var again = await _api.PostAsync("/check_in_or_out", AppFactory.Form("probe/obama.jpg", "Barack Obama"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("registered", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RetentionRemovesOldClosedRecordsAndTheFaceDataOfPeopleNotSeenSince()
    {
        _app.Time.Advance(TimeSpan.FromHours(9));
        Assert.Contains("checked out", await (await _api.PostAsync("/check_in_or_out", AppFactory.Form("probe/obama.jpg"))).Content.ReadAsStringAsync());
        _app.Time.Advance(TimeSpan.FromDays(35));
        Assert.Equal(HttpStatusCode.OK, (await _api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/biden/1.jpg", "Joe Biden"))).StatusCode);
        var settings = _app.Services.GetRequiredService<SettingsService>();
        var form = await settings.LoadAsync();
        form.RetentionDays = 30;
        Assert.True((await settings.SaveAsync(form, Hr)).Succeeded);

        var result = await _app.Services.GetRequiredService<Retention>().RunOnceAsync();

        Assert.Equal(new RetentionResult(1, 1, 1), result);
        await using var db = _app.Db();
        var records = await db.AttendanceRecords.Include(r => r.Person).ToListAsync();
        Assert.Equal("Joe Biden", Assert.Single(records).Person!.DisplayName);
        Assert.Equal(["Joe Biden"], await db.FaceTemplates.Select(t => t.Person!.DisplayName).ToListAsync());
        var probe = await _api.PostAsync("/check_in_or_out", AppFactory.Form("probe/obama.jpg"));
        Assert.Contains("unknown face", await probe.Content.ReadAsStringAsync());
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();
}
