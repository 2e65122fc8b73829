using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceBlazor.Web.Tests;

public sealed class AutoCheckoutTests : IDisposable
{
    private readonly AppFactory _app = new();

    [Fact]
    public async Task AForgottenCheckOutIsClosedAfterTheMaximumAndTheNextEventIsACheckIn()
    {
        var api = await _app.ApiClientAsync();
        await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"));
        var job = _app.Services.GetRequiredService<AutoCheckout>();

        _app.Time.Advance(TimeSpan.FromHours(15));
        Assert.Equal(0, await job.CloseForgottenAsync());
        _app.Time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, await job.CloseForgottenAsync());

        await using (var db = _app.Db())
        {
            var record = await db.AttendanceRecords.SingleAsync();
            Assert.True(record.AutoClosed);
            Assert.Equal(record.CheckInUtc + TimeSpan.FromHours(16), record.CheckOutUtc);
            // The audit says which record was closed, when (local time), by whom and why.
            var audit = await db.AuditEntries.SingleAsync(a => a.Action == "auto-close");
            Assert.Equal(("AttendanceRecord", record.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (audit.EntityType, audit.EntityId));
            Assert.Equal(("system", (string?)null), (audit.UserName, audit.UserId));
            Assert.Equal("{\"check_out\":\"2026-03-03 00:00:00\"}", audit.NewValues);
            Assert.Equal("forgotten check-out closed automatically", audit.Reason);
        }

        var next = await api.PostAsync("/check_in_or_out", AppFactory.Form("probe/obama.jpg"));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal("check_in", (await next.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("action").GetString());
    }

    public void Dispose() => _app.Dispose();
}

/// <summary>The web host schedules the application's jobs on the app's clock.</summary>
public sealed class ScheduledJobTests : IDisposable
{
    private readonly AppFactory _app = new() { ScheduleJobs = true };

    [Fact]
    public async Task TheHostRunsTheAutomaticCheckOutAsTheClockMovesOn()
    {
        var api = await _app.ApiClientAsync();
        await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"));

        // Past the 16-hour maximum: the next tick of the job's timer closes the record, with nobody calling it.
        _app.Time.Advance(TimeSpan.FromHours(17));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        bool closed;
        do
        {
            await using var db = _app.Db();
            closed = await db.AttendanceRecords.AnyAsync(r => r.AutoClosed);
            if (!closed) await Task.Delay(100);
        }
        while (!closed && DateTime.UtcNow < deadline);
        Assert.True(closed, "the scheduled job did not close the forgotten check-out");
    }

    public void Dispose() => _app.Dispose();
}

/// <summary>Deadlines in Europe/Berlin, on ordinary days, across midnight and on both daylight-saving changes of 2026.</summary>
public sealed class AutoCheckoutDeadlineTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static EffectiveSettings Settings(TimeSpan? at, double maxHours = 16) =>
        new(0.6, TimeSpan.FromMinutes(1), Berlin, at, TimeSpan.FromHours(maxHours), null, 0.45);

    private static DateTime Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public void ConfiguredLocalTimeOnAnOrdinaryWinterDay() =>
        // Check-in 08:00 CET (07:00Z); close at 23:00 CET = 22:00Z.
        Assert.Equal(Utc(3, 2, 22), AutoCheckout.Deadline(Utc(3, 2, 7), Settings(TimeSpan.FromHours(23))));

    [Fact]
    public void ACheckInAfterTheConfiguredTimeClosesAtTheNextDaysTimeUnlessTheMaximumComesFirst()
    {
        // Check-in 23:30 CET (22:30Z) with a 23:00 close: the next 23:00 is 23.5 h away, so 16 h wins.
        Assert.Equal(Utc(3, 3, 14, 30), AutoCheckout.Deadline(Utc(3, 2, 22, 30), Settings(TimeSpan.FromHours(23))));
        // With a 06:00 close, the record crosses midnight and closes at 06:00 CET the next morning (05:00Z).
        Assert.Equal(Utc(3, 3, 5), AutoCheckout.Deadline(Utc(3, 2, 22, 30), Settings(TimeSpan.FromHours(6))));
    }

    [Fact]
    public void OnTheSpringForwardDayAMissingLocalTimeMovesPastTheGap()
    {
        // 29 March 2026: 02:00 CET jumps to 03:00 CEST. 02:30 does not exist; 03:00 CEST = 01:00Z.
        Assert.Equal(Utc(3, 29, 1), AutoCheckout.Deadline(Utc(3, 28, 20), Settings(TimeSpan.FromHours(2.5))));
        // And 23:00 that day is CEST already: 21:00Z, one hour earlier in UTC than the day before.
        Assert.Equal(Utc(3, 29, 21), AutoCheckout.Deadline(Utc(3, 29, 8), Settings(TimeSpan.FromHours(23))));
    }

    [Fact]
    public void OnTheFallBackDayAnAmbiguousLocalTimeTakesItsFirstOccurrence()
    {
        // 25 October 2026: 03:00 CEST falls back to 02:00 CET. 02:30 happens twice; the first is CEST, 00:30Z.
        Assert.Equal(Utc(10, 25, 0, 30), AutoCheckout.Deadline(Utc(10, 24, 20), Settings(TimeSpan.FromHours(2.5))));
        // A stay across that night lasts one hour longer in real time: 22:00 CEST to 06:00 CET is 9 hours.
        var deadline = AutoCheckout.Deadline(Utc(10, 24, 20), Settings(TimeSpan.FromHours(6)));
        Assert.Equal(TimeSpan.FromHours(9), deadline - Utc(10, 24, 20));
    }
}
