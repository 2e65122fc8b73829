using System.Net;
using AttendanceBlazor.Application.Review;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceBlazor.Web.Tests;

/// <summary>HR's decisions on the review list, each audited, and the list under export, erasure and retention.</summary>
public sealed class ReviewServiceTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private readonly Actor _hr = new(null, "hr@example.com");
    private int _alex;

    private ReviewService Review => _app.Services.GetRequiredService<ReviewService>();

    public async Task InitializeAsync()
    {
        var api = await _app.ApiClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/alex_lacamoire/1.jpg", "Alex Lacamoire"))).StatusCode);
        await using var db = _app.Db();
        _alex = (await db.People.SingleAsync()).Id;
        _app.Time.Advance(TimeSpan.FromHours(2));
    }

    private async Task<long> HoldAsync(string name = "Alexandra Lacamoire")
    {
        var api = await _app.ApiClientAsync();
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsync("/check_in_or_out", AppFactory.Form("probe/alex_lacamoire_2.png", name, consent: "true"))).StatusCode);
        return (await Review.OpenAsync()).Single(r => r.Kind == ReviewKind.PendingRegistration).ItemId!.Value;
    }

    private async Task<DoubtfulMatch> DoubtAsync()
    {
        var result = await _app.Services.GetRequiredService<ApiCheckIn>().CheckAsync(new CheckRequest((ReadOnlyMemory<byte>)File.ReadAllBytes(TestFaces.PathOf("probe/alex_lacamoire_2.png")), null, AttendanceSource.Kiosk, "kiosk"));
        Assert.Equal(CheckOutcome.Doubtful, result.Outcome);
        return result.Doubt!;
    }

    [Fact]
    public async Task AHeldFaceRelabelledToSomeoneBecomesTheirSampleAndIsRecognisedAsThem()
    {
        var item = await HoldAsync();

        var done = await Review.RelabelAsync(item, _alex, _hr);

        Assert.True(done.Succeeded, done.ToString());
        await using var db = _app.Db();
        Assert.Equal(2, await db.FaceTemplates.CountAsync(t => t.PersonId == _alex));
        Assert.Equal(1, await db.People.CountAsync());
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "review-relabel"));
        _app.Time.Advance(TimeSpan.FromMinutes(5));
        var api = await _app.ApiClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", AppFactory.Form("probe/alex_lacamoire_2.png"))).StatusCode);
    }

    [Fact]
    public async Task AHeldRegistrationRejectedIsErasedAndCannotBeDecidedTwice()
    {
        var item = await HoldAsync();

        Assert.True((await Review.RejectAsync(item, _hr)).Succeeded);
        var again = await Review.ConfirmAsync(item, _hr);

        Assert.Equal(Outcome.ReviewAlreadyResolved, again.Outcome);
        await using var db = _app.Db();
        var row = await db.ReviewItems.SingleAsync();
        Assert.Equal(ReviewState.Rejected, row.State);
        Assert.Null(row.PendingDescriptors);
        Assert.Null(row.PendingThumbnail);
        Assert.Equal(1, await db.People.CountAsync());
    }

    [Fact]
    public async Task ADeclinedMatchConfirmedByHrRecordsTheEventForTheCandidateAtItsTime()
    {
        var doubt = await DoubtAsync();
        var at = _app.Time.GetUtcNow().UtcDateTime;
        await _app.Services.GetRequiredService<DoubtfulAnswers>().DeclineAsync(doubt, new CheckContext(AttendanceSource.Kiosk, "kiosk", at));
        _app.Time.Advance(TimeSpan.FromMinutes(30));
        var item = (await Review.OpenAsync()).Single().ItemId!.Value;

        Assert.True((await Review.ConfirmAsync(item, _hr)).Succeeded);

        await using var db = _app.Db();
        Assert.Equal(at, (await db.AttendanceRecords.SingleAsync()).CheckOutUtc);
    }

    [Fact]
    public async Task AConfirmedDoubtfulMatchUndoneByHrTakesTheEventBack()
    {
        var doubt = await DoubtAsync();
        var confirmed = await _app.Services.GetRequiredService<DoubtfulAnswers>().ConfirmAsync(doubt, new CheckContext(AttendanceSource.Kiosk, "kiosk", _app.Time.GetUtcNow().UtcDateTime));
        Assert.Equal(CheckOutcome.CheckedOut, confirmed.Outcome);

        Assert.True((await Review.RejectAsync(confirmed.ReviewItemId!.Value, _hr)).Succeeded);

        await using var db = _app.Db();
        Assert.Null((await db.AttendanceRecords.SingleAsync()).CheckOutUtc);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "review-reject" && a.UserName == "hr@example.com"));
    }

    [Fact]
    public async Task AnAutoClosedRecordAcceptedLeavesTheListAndTheDashboardCountsTheRest()
    {
        await _app.Services.GetRequiredService<AutoCheckout>().CloseForgottenAsync();
        _app.Time.Advance(TimeSpan.FromHours(20));
        await _app.Services.GetRequiredService<AutoCheckout>().CloseForgottenAsync();
        await HoldAsync();
        Assert.Equal(2, await Review.CountAsync());
        Assert.Equal(2, (await _app.Services.GetRequiredService<DashboardService>().GetAsync()).ToReview);
        var record = (await Review.OpenAsync()).Single(r => r.Kind is null).RecordId!.Value;

        Assert.True((await Review.AcceptAutoCloseAsync(record, _hr)).Succeeded);

        Assert.Equal(1, await Review.CountAsync());
    }

    [Fact]
    public async Task TheReviewListIsInTheCandidatesExportForgetsThemWhenErasedAndRetentionClearsIt()
    {
        var doubt = await DoubtAsync();
        await _app.Services.GetRequiredService<DoubtfulAnswers>().DeclineAsync(doubt, new CheckContext(AttendanceSource.Kiosk, "kiosk", _app.Time.GetUtcNow().UtcDateTime));
        var export = await _app.Services.GetRequiredService<PersonExportService>().ExportAsync(_alex);
        Assert.Equal("DoubtfulDeclined", Assert.Single(export!.ReviewItems).Kind);

        Assert.True((await _app.Services.GetRequiredService<PeopleService>().EraseAsync(_alex, _hr, "asked to be forgotten")).Succeeded);
        await using (var db = _app.Db()) Assert.Null((await db.ReviewItems.SingleAsync()).CandidatePersonId);

        var settings = _app.Services.GetRequiredService<SettingsService>();
        var form = await settings.LoadAsync();
        form.RetentionDays = 30;
        Assert.True((await settings.SaveAsync(form, _hr)).Succeeded);
        _app.Time.Advance(TimeSpan.FromDays(31));
        await _app.Services.GetRequiredService<Retention>().RunOnceAsync();
        await using (var db = _app.Db()) Assert.False(await db.ReviewItems.AnyAsync());
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();
}
