using System.Net;
using AttendanceBlazor.Application.Faces;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceBlazor.Web.Tests;

/// <summary>
/// Check-in from one's own browser tab, through the service the page uses: the face verified against the account's
/// own person only, the Settings policy (off, face, face or button), the allowed networks, where each event came from,
/// and what happens to addresses on export and erasure. The browser side is in the end-to-end tests.
/// </summary>
public sealed class PersonalCheckInTests : IAsyncLifetime
{
    private static readonly IPAddress Office = IPAddress.Parse("10.1.2.3");
    private static readonly IPAddress Home = IPAddress.Parse("198.51.100.20");
    private readonly AppFactory _app = new();
    private string _userId = "";
    private int _obama;

    private PersonalCheckIn Personal => _app.Services.GetRequiredService<PersonalCheckIn>();

    public async Task InitializeAsync()
    {
        _app.Settings["Attendance:KeepRecordsOnErasure"] = "true";
        var api = await _app.ApiClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama", consent: "true"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/biden/1.jpg", "Joe Biden", consent: "true"))).StatusCode);
        // The registrations checked both in; an hour later they check out, so each test starts with everyone out.
        _app.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/biden/1.jpg"))).StatusCode);
        _app.Time.Advance(TimeSpan.FromHours(1));
        await using (var db = _app.Db()) _obama = await db.People.Where(p => p.DisplayName == "Barack Obama").Select(p => p.Id).SingleAsync();
        var user = await _app.CreateUserAsync("barack@example.com", Roles.Employee);
        _userId = user.Id;
        Assert.True((await _app.Services.GetRequiredService<PeopleService>().LinkAccountAsync(_obama, _userId, Actor.System)).Succeeded);
    }

    private async Task<AnalyzedFace> FaceAsync(string photo) =>
        (await _app.Services.GetRequiredService<Application.Faces.StillAnalyzer>().AnalyzeAsync(File.ReadAllBytes(TestFaces.PathOf(photo)))).Face!;

    private PersonalRequest From(IPAddress address, string? location = null) =>
        new(new Actor(_userId, "barack@example.com"), address, null, location);

    private async Task SetAsync(Action<SettingsForm> change)
    {
        var settings = _app.Services.GetRequiredService<SettingsService>();
        var form = await settings.LoadAsync();
        change(form);
        var saved = await settings.SaveAsync(form, Actor.System);
        Assert.True(saved.Succeeded, saved.ToString());
    }

    [Fact]
    public async Task ALinkedPersonChecksInAndOutWithTheirOwnFaceAndEachEventKeepsWhereItCameFrom()
    {
        var state = await Personal.StateAsync(_userId, Office);
        Assert.Equal(new PersonalState(true, false, true, false, false, false, false), state);

        var checkIn = await Personal.WithFaceAsync(_userId, await FaceAsync("probe/obama.jpg"), From(Office));
        _app.Time.Advance(TimeSpan.FromHours(8));
        var checkOut = await Personal.WithFaceAsync(_userId, await FaceAsync("enroll/obama/2.jpg"), From(Home));

        Assert.Equal(CheckOutcome.CheckedIn, checkIn.Outcome);
        Assert.Equal(CheckOutcome.CheckedOut, checkOut.Outcome);
        await using var db = _app.Db();
        var record = await db.AttendanceRecords.Where(r => r.PersonId == _obama).OrderBy(r => r.Id).LastAsync();
        Assert.Equal((AttendanceSource.Personal, "10.1.2.3", false), (record.Source, record.CheckInAddress, record.CheckInRemote));
        Assert.Equal((AttendanceSource.Personal, "198.51.100.20", false), (record.CheckOutSource!.Value, record.CheckOutAddress, record.CheckOutRemote));
        Assert.True(record.MatchDistance < 0.6);
        // The earlier stays came from a device: their check-outs say so too.
        var first = await db.AttendanceRecords.Where(r => r.PersonId == _obama).OrderBy(r => r.Id).FirstAsync();
        Assert.Equal((AttendanceSource.Api, AttendanceSource.Api), (first.Source, first.CheckOutSource!.Value));
    }

    [Fact]
    public async Task AnotherPersonsFaceRecordsNothingAndLeavesAnAuditEntry()
    {
        var result = await Personal.WithFaceAsync(_userId, await FaceAsync("enroll/biden/2.jpg"), From(Office));

        Assert.Equal(CheckOutcome.NotYourFace, result.Outcome);
        await using var db = _app.Db();
        Assert.Equal(0, await db.AttendanceRecords.CountAsync(r => r.PersonId == _obama && r.CheckOutUtc == null));
        var entry = await db.AuditEntries.SingleAsync(a => a.Action == AuditActions.PersonalFaceMismatch);
        Assert.Equal((_obama.ToString(System.Globalization.CultureInfo.InvariantCulture), _userId), (entry.EntityId, entry.UserId));
        Assert.Contains("10.1.2.3", entry.NewValues);
    }

    [Fact]
    public async Task APersonWithoutAFaceIsToldToRegisterAndAnAccountWithoutAPersonSeesNoControl()
    {
        var pins = _app.Services.GetRequiredService<PinService>();
        Assert.True((await pins.SetPinAsync(_obama, "4821", eraseFaceData: true, Actor.System)).Succeeded);
        var stranger = await _app.CreateUserAsync("nobody@example.com", Roles.Employee);

        Assert.False((await Personal.StateAsync(_userId, Office)).HasFace);
        Assert.Equal(CheckOutcome.NoFaceRegistered, (await Personal.WithFaceAsync(_userId, await FaceAsync("probe/obama.jpg"), From(Office))).Outcome);
        Assert.Equal(PersonalState.Hidden, await Personal.StateAsync(stranger.Id, Office));
        Assert.Equal(CheckOutcome.NotLinked, (await Personal.WithButtonAsync(stranger.Id, From(Office))).Outcome);
    }

    [Fact]
    public async Task ThePolicyDecidesWhetherTheFaceOrAPlainButtonMayBeUsedAtAll()
    {
        Assert.Equal(CheckOutcome.PersonalCheckInOff, (await Personal.WithButtonAsync(_userId, From(Office))).Outcome);

        await SetAsync(f => f.PersonalCheckIn = PersonalCheckInPolicy.FaceOrButton);
        Assert.True((await Personal.StateAsync(_userId, Office)).ButtonAllowed);
        Assert.Equal(CheckOutcome.CheckedIn, (await Personal.WithButtonAsync(_userId, From(Office))).Outcome);
        await using (var db = _app.Db())
        {
            Assert.Equal(AttendanceSource.PersonalButton, (await db.AttendanceRecords.SingleAsync(r => r.PersonId == _obama && r.CheckOutUtc == null)).Source);
        }

        await SetAsync(f => f.PersonalCheckIn = PersonalCheckInPolicy.Off);
        Assert.Equal(PersonalState.Hidden, await Personal.StateAsync(_userId, Office));
        Assert.Equal(CheckOutcome.PersonalCheckInOff, (await Personal.WithFaceAsync(_userId, await FaceAsync("probe/obama.jpg"), From(Office))).Outcome);
    }

    [Fact]
    public async Task OutsideTheAllowedNetworksACheckInIsRefusedOrRecordedAsRemoteAsSettingsSay()
    {
        await SetAsync(f => f.PersonalNetworks = "10.0.0.0/8\n2001:db8::/32");
        Assert.True((await Personal.StateAsync(_userId, Home)).RefusedHere);
        Assert.Equal(CheckOutcome.OutsideAllowedNetworks, (await Personal.WithFaceAsync(_userId, await FaceAsync("probe/obama.jpg"), From(Home))).Outcome);

        await SetAsync(f => f.OutsideNetworks = OutsideNetworkPolicy.MarkRemote);
        var remote = await Personal.WithFaceAsync(_userId, await FaceAsync("probe/obama.jpg"), From(Home));
        _app.Time.Advance(TimeSpan.FromHours(1));
        var inside = await Personal.WithFaceAsync(_userId, await FaceAsync("probe/obama.jpg"), From(IPAddress.Parse("2001:db8::5")));

        Assert.Equal((CheckOutcome.CheckedIn, CheckOutcome.CheckedOut), (remote.Outcome, inside.Outcome));
        await using var db = _app.Db();
        var record = await db.AttendanceRecords.Where(r => r.PersonId == _obama).OrderBy(r => r.Id).LastAsync();
        Assert.Equal((true, false), (record.CheckInRemote, record.CheckOutRemote));
        var rows = await _app.Services.GetRequiredService<RecordsService>().QueryAsync(new RecordFilter { RemoteOnly = true }, 0, 10);
        Assert.Equal(record.Id, Assert.Single(rows.Rows).Id);
    }

    [Fact]
    public async Task ABadNetworkListIsRefusedWithTheReasonAndTheChangeIsAudited()
    {
        var settings = _app.Services.GetRequiredService<SettingsService>();
        var form = await settings.LoadAsync();
        form.PersonalNetworks = "10.0.0.0/8\nthe office";

        var refused = await settings.SaveAsync(form, Actor.System);

        Assert.Equal([SettingsProblem.BadNetworks], refused.SettingsProblems);
        await SetAsync(f => f.PersonalNetworks = "10.0.0.0/8, 192.0.2.0/24");
        Assert.Equal("10.0.0.0/8\n192.0.2.0/24", (await settings.LoadAsync()).PersonalNetworks);
        await using var db = _app.Db();
        Assert.Contains(await db.AuditEntries.Where(a => a.Action == AuditActions.SettingsChange).Select(a => a.NewValues).ToListAsync(), v => v!.Contains("192.0.2.0/24"));
    }

    [Fact]
    public async Task ALocationIsKeptOnlyWhenSettingsAskAndErasureLeavesNoAddressOrLocation()
    {
        var location = PersonalCheckIn.FormatLocation(52.52, 13.405, 30);
        Assert.Equal(CheckOutcome.CheckedIn, (await Personal.WithFaceAsync(_userId, await FaceAsync("probe/obama.jpg"), From(Office, location))).Outcome);
        await SetAsync(f => f.AskLocation = true);
        _app.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(CheckOutcome.CheckedOut, (await Personal.WithFaceAsync(_userId, await FaceAsync("probe/obama.jpg"), From(Office, location))).Outcome);
        long id;
        await using (var db = _app.Db())
        {
            var record = await db.AttendanceRecords.Where(r => r.PersonId == _obama).OrderBy(r => r.Id).LastAsync();
            Assert.Equal((null, "52.52,13.405,30"), (record.CheckInLocation, record.CheckOutLocation));
            id = record.Id;
        }
        var export = await _app.Services.GetRequiredService<PersonExportService>().ExportAsync(_obama);
        Assert.Equal("52.52,13.405,30", export!.AttendanceRecords.Single(r => r.Id == id).CheckOutLocation);

        Assert.True((await _app.Services.GetRequiredService<PeopleService>().EraseAsync(_obama, Actor.System, "left")).Succeeded);

        await using (var db = _app.Db())
        {
            var kept = await db.AttendanceRecords.SingleAsync(r => r.Id == id);
            Assert.Equal((null, null, null, null), (kept.CheckInAddress, kept.CheckOutAddress, kept.CheckInLocation, kept.CheckOutLocation));
        }
    }

    [Fact]
    public async Task CorrectingOnlyTheCheckInLeavesTheCheckOutUnchangedToTheSecondInTheRecordAndTheAudit()
    {
        _app.Time.Advance(TimeSpan.FromSeconds(39));
        Assert.Equal(CheckOutcome.CheckedIn, (await Personal.WithFaceAsync(_userId, await FaceAsync("probe/obama.jpg"), From(Office))).Outcome);
        _app.Time.Advance(TimeSpan.FromHours(8) + TimeSpan.FromSeconds(11));
        Assert.Equal(CheckOutcome.CheckedOut, (await Personal.WithFaceAsync(_userId, await FaceAsync("probe/obama.jpg"), From(Office))).Outcome);
        var records = _app.Services.GetRequiredService<RecordsService>();
        var settings = await _app.Services.GetRequiredService<AttendanceSettings>().GetAsync();
        var row = (await records.QueryAsync(new RecordFilter(_obama), 0, 1)).Rows.Single();
        var outLocal = settings.ToLocal(row.CheckOutUtc!.Value);
        // What the dialog sends: both fields, to the minute; only the check-in was changed.
        var shownOut = new DateTime(outLocal.Year, outLocal.Month, outLocal.Day, outLocal.Hour, outLocal.Minute, 0);

        var corrected = await records.CorrectAsync(row.Id, row.Version, settings.ToLocal(row.CheckInUtc).AddMinutes(-30), shownOut, "came in earlier", Hr);

        Assert.True(corrected.Succeeded, corrected.ToString());
        await using var db = _app.Db();
        var record = await db.AttendanceRecords.SingleAsync(r => r.Id == row.Id);
        Assert.Equal(row.CheckOutUtc, record.CheckOutUtc);
        Assert.Equal(50, record.CheckOutUtc!.Value.Second);
        Assert.Equal((AttendanceSource.Manual, AttendanceSource.Personal), (record.Source, record.CheckOutSource!.Value));
        var audit = await db.AuditEntries.Where(a => a.Action == AuditActions.CorrectRecord).SingleAsync();
        Assert.Contains("check_in", audit.NewValues);
        Assert.DoesNotContain("check_out", audit.NewValues);
    }

    private static readonly Actor Hr = new(null, "hr@example.com");

    [Fact]
    public async Task TheCsvSaysWhereEachEventCameFromAndFiltersBySource()
    {
        Assert.Equal(CheckOutcome.CheckedIn, (await Personal.WithFaceAsync(_userId, await FaceAsync("probe/obama.jpg"), From(Office))).Outcome);
        await _app.CreateUserAsync("hr@example.com", Roles.HR);
        var hr = await _app.SignedInClientAsync("hr@example.com");

        var csv = await hr.GetStringAsync("/admin/attendance.csv?source=Personal");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.EndsWith("check_out_source,check_out_device,check_in_remote,check_out_remote,check_in_address,check_out_address,check_in_location,check_out_location", lines[0].TrimEnd('\r'));
        var row = Assert.Single(lines.Skip(1));
        Assert.Contains(",Personal,personal,", row);
        Assert.Contains(",10.1.2.3,", row);
        Assert.Equal(HttpStatusCode.BadRequest, (await hr.GetAsync("/admin/attendance.csv?source=Teleport")).StatusCode);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();
}
