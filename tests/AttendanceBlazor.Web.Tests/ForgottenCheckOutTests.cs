using System.Net;
using AttendanceBlazor.Application.Review;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceBlazor.Web.Tests;

/// <summary>
/// The forgotten check-out, asked: after an automatic close the next check-in asks when the person left; the answer
/// is bounded by the record, waits for HR (or is applied at once, as Settings say), and every step is audited.
/// Barack Obama checks in at 08:00 (Europe/Berlin) on 2 March, forgets to check out, and is closed automatically at
/// 00:00; he comes back at 08:00 on 3 March.
/// </summary>
public sealed class ForgottenCheckOutTests : IAsyncLifetime
{
    private static readonly Actor Hr = new("hr-id", "hr@example.com");
    private static readonly Actor AtTheKiosk = new(null, "Barack Obama at kiosk:lobby");
    private readonly AppFactory _app = new();
    private int _obama;
    private long _closed;

    private ForgottenCheckOuts Forgotten => _app.Services.GetRequiredService<ForgottenCheckOuts>();

    private ReviewService Review => _app.Services.GetRequiredService<ReviewService>();

    public async Task InitializeAsync()
    {
        var api = await _app.ApiClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama", consent: "true"))).StatusCode);
        _app.Time.Advance(TimeSpan.FromHours(17));
        Assert.Equal(1, await _app.Services.GetRequiredService<AutoCheckout>().CloseForgottenAsync());
        _app.Time.Advance(TimeSpan.FromHours(7));
        await using var db = _app.Db();
        (_obama, _closed) = await db.AttendanceRecords.Select(r => ValueTuple.Create(r.PersonId, r.Id)).SingleAsync();
    }

    /// <summary>Obama at the kiosk, recognised for sure: the write step's toggle, as every check-in ends in it.</summary>
    private Task<CheckResult> CheckAsync() =>
        _app.Services.GetRequiredService<CheckInWriter>().WriteAsync(new CheckContext(AttendanceSource.Kiosk, "kiosk:lobby", _app.Time.GetUtcNow().UtcDateTime),
            async step => await step.ToggleAsync((await step.PersonAsync(_obama))!, 0.3f));

    private Task<OperationResult> AnswerAsync(DateTime leftLocal) =>
        Forgotten.AnswerAsync(_obama, _closed, leftLocal, AttendanceSource.Kiosk, "kiosk:lobby", AtTheKiosk);

    private static DateTime Local(int day, int hour, int minute = 0) => new(2026, 3, day, hour, minute, 0);

    [Fact]
    public async Task TheNextCheckInAsksTheAnswerWaitsForHrAndHrsConfirmationChangesTheRecordWithBothStepsAudited()
    {
        var result = await CheckAsync();
        Assert.Equal(CheckOutcome.CheckedIn, result.Outcome);
        Assert.Equal(new ForgottenCheckOut(_closed, Local(2, 8), Local(3, 0)), result.Forgotten);

        // Before the check-in, or after the automatic close: refused, and nothing is written.
        Assert.Equal(Outcome.ForgottenCheckOutOutOfRange, (await AnswerAsync(Local(2, 7, 59))).Outcome);
        Assert.Equal(Outcome.ForgottenCheckOutOutOfRange, (await AnswerAsync(Local(3, 0, 1))).Outcome);
        await using (var db = _app.Db())
        {
            Assert.Equal(0, await db.ReviewItems.CountAsync());
        }

        Assert.Equal(Outcome.ForgottenCheckOutProposed, (await AnswerAsync(Local(2, 17, 30))).Outcome);
        Assert.Equal(Outcome.ForgottenCheckOutAnswered, (await AnswerAsync(Local(2, 18))).Outcome);
        var row = Assert.Single(await Review.OpenAsync());
        Assert.Equal((ReviewKind.ForgottenCheckOut, new DateTime(2026, 3, 2, 16, 30, 0)), (row.Kind!.Value, row.ProposedUtc!.Value));
        await using (var db = _app.Db())
        {
            var unchanged = await db.AttendanceRecords.SingleAsync(r => r.Id == _closed);
            Assert.Equal((true, new DateTime(2026, 3, 2, 23, 0, 0)), (unchanged.AutoClosed, unchanged.CheckOutUtc!.Value));
        }

        Assert.True((await Review.ConfirmAsync(row.ItemId!.Value, Hr)).Succeeded);
        await using (var db = _app.Db())
        {
            var record = await db.AttendanceRecords.SingleAsync(r => r.Id == _closed);
            Assert.Equal((new DateTime(2026, 3, 2, 16, 30, 0), AttendanceSource.Stated, false), (record.CheckOutUtc!.Value, record.CheckOutSource!.Value, record.AutoClosed));
            var id = _closed.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var answer = await db.AuditEntries.SingleAsync(a => a.Action == AuditActions.ForgottenCheckOutAnswer);
            Assert.Equal((id, "Barack Obama at kiosk:lobby"), (answer.EntityId, answer.UserName));
            Assert.Contains("2026-03-02 17:30:00", answer.NewValues);
            var correction = await db.AuditEntries.SingleAsync(a => a.Action == AuditActions.CorrectRecord);
            Assert.Equal((id, "hr@example.com"), (correction.EntityId, correction.UserName));
            Assert.Equal(("{\"check_out\":\"2026-03-03 00:00:00\"}", "{\"check_out\":\"2026-03-02 17:30:00\"}"), (correction.OldValues, correction.NewValues));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.ReviewConfirm && a.UserName == "hr@example.com"));
        }
        Assert.Empty(await Review.OpenAsync());

        // Asked once: the next check-in after this day's check-out asks nothing.
        _app.Time.Advance(TimeSpan.FromHours(9));
        Assert.Equal(CheckOutcome.CheckedOut, (await CheckAsync()).Outcome);
        _app.Time.Advance(TimeSpan.FromHours(15));
        var next = await CheckAsync();
        Assert.Equal((CheckOutcome.CheckedIn, (ForgottenCheckOut?)null), (next.Outcome, next.Forgotten));
    }

    [Fact]
    public async Task WhereSettingsSaySoTheAnswerIsAppliedAtOnceAndAudited()
    {
        var settings = _app.Services.GetRequiredService<SettingsService>();
        var form = await settings.LoadAsync();
        form.ApplyForgottenCheckOuts = true;
        Assert.True((await settings.SaveAsync(form, Actor.System)).Succeeded);

        Assert.NotNull((await CheckAsync()).Forgotten);
        Assert.Equal(Outcome.ForgottenCheckOutApplied, (await AnswerAsync(Local(2, 16, 45))).Outcome);

        await using var db = _app.Db();
        var record = await db.AttendanceRecords.SingleAsync(r => r.Id == _closed);
        Assert.Equal((new DateTime(2026, 3, 2, 15, 45, 0), AttendanceSource.Stated, false), (record.CheckOutUtc!.Value, record.CheckOutSource!.Value, record.AutoClosed));
        Assert.Equal(ReviewState.Confirmed, (await db.ReviewItems.SingleAsync()).State);
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.EntityId == _closed.ToString() && a.UserName == "Barack Obama at kiosk:lobby"
            && (a.Action == AuditActions.ForgottenCheckOutAnswer || a.Action == AuditActions.CorrectRecord)));
        Assert.Empty(await Review.OpenAsync());
    }

    [Fact]
    public async Task SkippingChangesNothingAndTheQuestionIsNotAskedAgain()
    {
        Assert.NotNull((await CheckAsync()).Forgotten);

        // No answer: the record stays as the automatic close left it, on HR's list as before.
        var row = Assert.Single(await Review.OpenAsync());
        Assert.Equal((null, _closed), (row.Kind, row.RecordId!.Value));
        _app.Time.Advance(TimeSpan.FromHours(9));
        await CheckAsync();
        _app.Time.Advance(TimeSpan.FromHours(15));
        Assert.Null((await CheckAsync()).Forgotten);
        await using var db = _app.Db();
        Assert.True((await db.AttendanceRecords.SingleAsync(r => r.Id == _closed)).AutoClosed);
        Assert.Equal(0, await db.ReviewItems.CountAsync());
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }
}
