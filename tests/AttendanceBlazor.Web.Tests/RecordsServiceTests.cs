using System.Net;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceBlazor.Web.Tests;

/// <summary>HR's corrections, the CSV export and the dashboard figures, on the real app and a real SQLite file. The clock starts on Monday 2026-03-02, 08:00 in Berlin (07:00 UTC).</summary>
public sealed class RecordsServiceTests : IAsyncLifetime
{
    private static readonly Actor Hr = new("hr-id", "hr@example.com");
    private readonly AppFactory _app = new();
    private int _obama;

    private RecordsService Records => _app.Services.GetRequiredService<RecordsService>();

    public async Task InitializeAsync()
    {
        var api = await _app.ApiClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"))).StatusCode);
        await using var db = _app.Db();
        _obama = (await db.People.SingleAsync()).Id;
    }

    private async Task<AttendanceRecord> OnlyRecordAsync()
    {
        await using var db = _app.Db();
        return await db.AttendanceRecords.SingleAsync();
    }

    [Fact]
    public async Task ACorrectionTakesLocalTimeStoresUtcAndIsAuditedWithItsReason()
    {
        _app.Time.Advance(TimeSpan.FromHours(10));
        var record = await OnlyRecordAsync();

        var result = await Records.CorrectAsync(record.Id, record.Version, new DateTime(2026, 3, 2, 7, 30, 0), new DateTime(2026, 3, 2, 16, 45, 0), "badge reader was down", Hr);

        Assert.True(result.Succeeded, result.ToString());
        var after = await OnlyRecordAsync();
        Assert.Equal(new DateTime(2026, 3, 2, 6, 30, 0), after.CheckInUtc);
        Assert.Equal(new DateTime(2026, 3, 2, 15, 45, 0), after.CheckOutUtc);
        await using var db = _app.Db();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "close-record");
        Assert.Equal("badge reader was down", audit.Reason);
        Assert.Equal("hr@example.com", audit.UserName);
        Assert.Contains("2026-03-02 08:00:00", audit.OldValues);
        Assert.Contains("2026-03-02 16:45:00", audit.NewValues);
    }

    [Fact]
    public async Task ACorrectionWithoutAReasonIsRefusedAndChangesNothing()
    {
        var record = await OnlyRecordAsync();
        var result = await Records.CorrectAsync(record.Id, record.Version, new DateTime(2026, 3, 2, 7, 0, 0), null, "  ", Hr);
        Assert.False(result.Succeeded);
        Assert.Equal(Outcome.ReasonRequired, result.Outcome);
        Assert.Equal(record.CheckInUtc, (await OnlyRecordAsync()).CheckInUtc);
    }

    [Fact]
    public async Task TwoPeopleEditingTheSameRecordGetAConflictNotASilentOverwrite()
    {
        _app.Time.Advance(TimeSpan.FromHours(9));
        var seenByBoth = await OnlyRecordAsync();

        var first = await Records.CorrectAsync(seenByBoth.Id, seenByBoth.Version, new DateTime(2026, 3, 2, 7, 45, 0), null, "first", Hr);
        var second = await Records.CorrectAsync(seenByBoth.Id, seenByBoth.Version, new DateTime(2026, 3, 2, 7, 15, 0), null, "second", Hr);

        Assert.True(first.Succeeded, first.ToString());
        Assert.False(second.Succeeded);
        Assert.Equal(Outcome.EditConflict, second.Outcome);
        Assert.Equal(new DateTime(2026, 3, 2, 6, 45, 0), (await OnlyRecordAsync()).CheckInUtc);
    }

    [Theory]
    [InlineData(2026, 3, 2, 9, 0, 2026, 3, 2, 8, 0, Outcome.EndBeforeStart)]
    [InlineData(2026, 3, 2, 7, 0, 2026, 3, 3, 9, 0, Outcome.FutureTime)]
    [InlineData(2026, 3, 1, 8, 0, 2026, 3, 4, 9, 0, Outcome.FutureTime)]
    public async Task ImplausibleTimesAreRefusedWithTheReason(int y1, int m1, int d1, int h1, int n1, int y2, int m2, int d2, int h2, int n2, Outcome expected)
    {
        _app.Time.Advance(TimeSpan.FromHours(4));
        var record = await OnlyRecordAsync();
        var result = await Records.CorrectAsync(record.Id, record.Version, new DateTime(y1, m1, d1, h1, n1, 0), new DateTime(y2, m2, d2, h2, n2, 0), "test", Hr);
        Assert.False(result.Succeeded);
        Assert.Equal(expected, result.Outcome);
    }

    [Fact]
    public async Task ATimeSkippedByTheSpringClockChangeIsRefused()
    {
        _app.Time.SetUtcNow(new DateTimeOffset(2026, 3, 30, 12, 0, 0, TimeSpan.Zero));
        var result = await Records.AddAsync(_obama, new DateTime(2026, 3, 29, 2, 30, 0), new DateTime(2026, 3, 29, 9, 0, 0), "night shift", Hr);
        Assert.False(result.Succeeded);
        Assert.Equal((Outcome.TimeSkipped, "Europe/Berlin"), (result.Outcome, result.Name));
        Assert.Contains("does not exist in Europe/Berlin", Web.Text.OutcomeText.Describe(Web.Localization.English.Instance, result));
    }

    [Fact]
    public async Task AMissedRecordIsAddedButNeverOverlapsAnother()
    {
        _app.Time.Advance(TimeSpan.FromDays(2));
        var overlapping = await Records.AddAsync(_obama, new DateTime(2026, 3, 2, 6, 0, 0), new DateTime(2026, 3, 2, 9, 0, 0), "forgot", Hr);
        Assert.False(overlapping.Succeeded);
        Assert.Equal(Outcome.OverlapsOpenRecord, overlapping.Outcome);

        var added = await Records.AddAsync(_obama, new DateTime(2026, 3, 1, 8, 0, 0), new DateTime(2026, 3, 1, 12, 0, 0), "forgot on Sunday", Hr);

        Assert.True(added.Succeeded, added.ToString());
        await using var db = _app.Db();
        var manual = await db.AttendanceRecords.SingleAsync(r => r.Source == AttendanceSource.Manual);
        Assert.Equal(new DateTime(2026, 3, 1, 7, 0, 0), manual.CheckInUtc);
        Assert.Equal("forgot on Sunday", (await db.AuditEntries.SingleAsync(a => a.Action == "add-record")).Reason);
    }

    [Fact]
    public async Task ClosingAForgottenCheckOutMakesTheNextFaceACheckIn()
    {
        _app.Time.Advance(TimeSpan.FromHours(12));
        var open = await OnlyRecordAsync();
        Assert.True((await Records.CorrectAsync(open.Id, open.Version, new DateTime(2026, 3, 2, 8, 0, 0), new DateTime(2026, 3, 2, 17, 0, 0), "forgot to check out", Hr)).Succeeded);

        var api = await _app.ApiClientAsync();
        var response = await api.PostAsync("/check_in_or_out", AppFactory.Form("probe/obama.jpg"));

        Assert.Contains("checked in", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheCsvExportQuotesNamesDefusesFormulasAndGivesLocalAndUtcTimes()
    {
        var api = await _app.ApiClientAsync();
        _app.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/biden/1.jpg", "Joe Biden"))).StatusCode);
        // The name policy keeps formulas out of new names; a name stored before it (an upgraded database) still
        // reaches the CSV defused.
        await using (var db = _app.Db())
        {
            var joe = await db.People.SingleAsync(p => p.DisplayName == "Joe Biden");
            (joe.DisplayName, joe.NormalizedName) = ("=HYPERLINK(\"x\"), Joe", "=HYPERLINK(\"X\"), JOE");
            await db.SaveChangesAsync();
        }
        await using var output = new MemoryStream();

        await Records.WriteCsvAsync(new RecordFilter(), output);

        var lines = System.Text.Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("record_id,person_id,name,check_in_local", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains("\"'=HYPERLINK(\"\"x\"\"), Joe\"", lines[1]);
        Assert.Contains("Barack Obama,2026-03-02 08:00:00,,2026-03-02T07:00:00Z", lines[2]);
    }

    [Fact]
    public async Task TheCsvDownloadNeedsHrAndHonoursTheFilter()
    {
        await _app.CreateUserAsync("hr@example.com", "HR");
        var hr = await _app.SignedInClientAsync("hr@example.com");

        var all = await hr.GetAsync("/admin/attendance.csv");
        var none = await hr.GetStringAsync("/admin/attendance.csv?from=2026-03-03");
        var bad = await hr.GetAsync("/admin/attendance.csv?from=yesterday");

        Assert.Equal("text/csv", all.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", all.Content.Headers.ContentDisposition?.ToString());
        Assert.Contains("Barack Obama", await all.Content.ReadAsStringAsync());
        Assert.DoesNotContain("Barack Obama", none);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task TheReviewFilterListsOnlyRecordsTheAutomaticCheckOutClosed()
    {
        var api = await _app.ApiClientAsync();
        _app.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/biden/1.jpg", "Joe Biden"))).StatusCode);
        _app.Time.Advance(TimeSpan.FromHours(2));
        Assert.Contains("checked out", await (await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/biden/2.jpg"))).Content.ReadAsStringAsync());
        _app.Time.Advance(TimeSpan.FromHours(20));
        Assert.Equal(1, await _app.Services.GetRequiredService<AutoCheckout>().CloseForgottenAsync());

        var (total, rows) = await Records.QueryAsync(new RecordFilter(ReviewOnly: true), 0, 10);

        Assert.Equal(1, total);
        Assert.Equal("Barack Obama", rows.Single().PersonName);
        Assert.True(rows.Single().AutoClosed);
    }

    [Fact]
    public async Task TheDashboardCountsWhoIsInCheckInsPerLocalHourAndHoursThisWeek()
    {
        var api = await _app.ApiClientAsync();
        _app.Time.Advance(TimeSpan.FromMinutes(90));
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/biden/1.jpg", "Joe Biden"))).StatusCode);
        _app.Time.Advance(TimeSpan.FromHours(2));
        Assert.Contains("checked out", await (await api.PostAsync("/check_in_or_out", AppFactory.Form("probe/obama.jpg"))).Content.ReadAsStringAsync());

        var data = await _app.Services.GetRequiredService<DashboardService>().GetAsync();

        Assert.Equal(["Joe Biden"], data.PresentNow.Select(p => p.Name));
        Assert.Equal(2, data.CheckInsToday);
        Assert.Equal(1, data.CheckInsPerHourToday[8]);
        Assert.Equal(1, data.CheckInsPerHourToday[9]);
        Assert.Equal(2, data.PeoplePerDay[^1].People);
        Assert.Equal(0, data.PeoplePerDay[^2].People);
        Assert.Equal(3.5, data.HoursThisWeek.Single(h => h.Name == "Barack Obama").Hours, 2);
        Assert.Equal(2.0, data.HoursThisWeek.Single(h => h.Name == "Joe Biden").Hours, 2);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();
}
