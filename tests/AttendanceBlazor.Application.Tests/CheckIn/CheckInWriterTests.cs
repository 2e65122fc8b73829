namespace AttendanceBlazor.Application.Tests.CheckIn;

/// <summary>
/// The one write step: a press is judged by when it arrived, whatever it waited behind; copies decided on two nodes at
/// once make one event; an Idempotency-Key's outcome is kept with the event and given again.
/// </summary>
public sealed class CheckInWriterTests : IAsyncLifetime
{
    private TestApp _app = default!;

    // A press may wait a minute here, so a queue of half a minute is served rather than answered busy.
    private static readonly Dictionary<string, string?> TwoSecondWindow = new() { ["Attendance:DuplicateWindow"] = "00:00:02", ["Attendance:AnswerWithin"] = "00:01:00" };

    public async Task InitializeAsync()
    {
        _app = await TestApp.StartAsync(TwoSecondWindow);
        var registered = await _app.Get<ApiCheckIn>().CheckAsync(Request("enroll/obama/1.jpg", "Barack Obama"));
        Assert.Equal(CheckOutcome.Registered, registered.Outcome);
        _app.FakeTime!.Advance(TimeSpan.FromHours(8));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static CheckRequest Request(string photo, string? name = null, Arrival? arrival = null, string? key = null) =>
        new(File.ReadAllBytes(TestFaces.PathOf(photo)), name, AttendanceSource.Api, "door", arrival: arrival) { IdempotencyKey = key };

    [Fact]
    public async Task PressesThatArrivedTogetherAreJudgedByTheirArrivalNotByWhenTheirTurnCame()
    {
        var arrived = Arrival.Now(_app.Time);
        var results = new List<CheckResult>();
        for (var i = 0; i < 6; i++)
        {
            // Each copy's turn comes five seconds after the last one's, far beyond the two-second window.
            results.Add(await _app.Get<ApiCheckIn>().CheckAsync(Request("probe/obama.jpg", arrival: arrived)));
            _app.FakeTime!.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Equal(CheckOutcome.CheckedOut, results[0].Outcome);
        Assert.All(results.Skip(1), r => Assert.Equal(CheckOutcome.Duplicate, r.Outcome));
        await using var db = _app.Db();
        var record = await db.AttendanceRecords.SingleAsync();
        Assert.Equal(arrived.Utc, record.CheckOutUtc);
    }

    [Fact]
    public async Task CopiesOfOnePressDecidedOnTwoNodesOfOneDatabaseAtOnceMakeOneEvent()
    {
        await using var other = await TestApp.StartAsync(TwoSecondWindow, _app.Time, database: _app);
        var arrived = Arrival.Now(_app.Time);
        var nodes = new[] { _app.Get<ApiCheckIn>(), other.Get<ApiCheckIn>() };

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => nodes[i % 2].CheckAsync(Request("probe/obama.jpg", arrival: arrived)))));

        Assert.Equal(1, results.Count(r => r.Outcome == CheckOutcome.CheckedOut));
        Assert.Equal(15, results.Count(r => r.Outcome == CheckOutcome.Duplicate));
        await using var db = _app.Db();
        Assert.NotNull((await db.AttendanceRecords.SingleAsync()).CheckOutUtc);
    }

    [Fact]
    public async Task AResendWithTheSameKeyIsAnsweredWithTheFirstOutcomeAndRecordsNothing()
    {
        var first = await _app.Get<ApiCheckIn>().CheckAsync(Request("probe/obama.jpg", key: "k-1"));
        _app.FakeTime!.Advance(TimeSpan.FromMinutes(5));
        var resend = await _app.Get<ApiCheckIn>().CheckAsync(Request("probe/obama.jpg", key: "k-1"));
        var next = await _app.Get<ApiCheckIn>().CheckAsync(Request("probe/obama.jpg", key: "k-2"));

        Assert.Equal((CheckOutcome.CheckedOut, false), (first.Outcome, first.Replayed));
        Assert.Equal((CheckOutcome.CheckedOut, true, first.LocalTime), (resend.Outcome, resend.Replayed, resend.LocalTime));
        Assert.Equal(CheckOutcome.CheckedIn, next.Outcome);
        await using var db = _app.Db();
        Assert.Equal(2, await db.AttendanceRecords.CountAsync());
        Assert.Equal(2, await db.IdempotentRequests.CountAsync());
    }

    [Fact]
    public async Task AKeyedRequestThatRecordedNothingKeepsNoKeySoItsResendIsDecidedAgain()
    {
        await _app.Get<ApiCheckIn>().CheckAsync(Request("probe/obama.jpg"));
        var duplicate = await _app.Get<ApiCheckIn>().CheckAsync(Request("probe/obama.jpg", key: "k-3"));
        _app.FakeTime!.Advance(TimeSpan.FromMinutes(5));
        var resend = await _app.Get<ApiCheckIn>().CheckAsync(Request("probe/obama.jpg", key: "k-3"));

        Assert.Equal(CheckOutcome.Duplicate, duplicate.Outcome);
        Assert.Equal((CheckOutcome.CheckedIn, false), (resend.Outcome, resend.Replayed));
    }
}
