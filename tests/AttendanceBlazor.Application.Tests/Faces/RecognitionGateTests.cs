using AttendanceBlazor.Recognition;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AttendanceBlazor.Application.Tests.Faces;

/// <summary>The recognition queue: arrival order, an answer within the deadline, and nothing kept for a caller who left.</summary>
public sealed class RecognitionGateTests
{
    private static RecognitionGate Gate(int slots, int queue, TimeProvider time) =>
        new(Options.Create(new RecognitionOptions { MaxConcurrentAnalyses = slots, AnalysisQueueLimit = queue }), time);

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task PressesWaitingForASlotAreLetInInTheOrderTheyArrived()
    {
        var time = new FakeTimeProvider(TestApp.Start);
        using var gate = Gate(1, 10, time);
        var held = await gate.EnterAsync(Arrival.Now(time), Deadline, CancellationToken.None);
        var order = new List<int>();
        var waiting = new List<Task>();
        for (var i = 0; i < 3; i++)
        {
            var press = i;
            waiting.Add(Task.Run(async () =>
            {
                using var slot = await gate.EnterAsync(Arrival.Now(time), Deadline, CancellationToken.None);
                lock (order) order.Add(press);
            }));
            // Each is in the queue before the next asks.
            await Until(() => gate.Waiting == press + 1);
        }

        held!.Dispose();
        await Task.WhenAll(waiting);

        Assert.Equal([0, 1, 2], order);
        Assert.Equal(0, gate.Waiting);
    }

    [Fact]
    public async Task APressTheQueueAheadCouldNotServeBeforeItsDeadlineIsTurnedAwayAtOnceWithAWaitToComeBackAfter()
    {
        var time = new FakeTimeProvider(TestApp.Start);
        using var gate = Gate(1, 100, time);
        var held = await gate.EnterAsync(Arrival.Now(time), Deadline, CancellationToken.None);
        // A press that has already waited nine and a half of its ten seconds (on the bus to the server, in the budget).
        var late = Arrival.Now(time);
        time.Advance(TimeSpan.FromSeconds(9.9));

        var answer = await gate.EnterAsync(late, Deadline, CancellationToken.None);

        Assert.Null(answer);
        Assert.Equal(0, gate.Waiting);
        Assert.True(gate.RetryAfter >= TimeSpan.FromSeconds(1));
        held!.Dispose();
    }

    [Fact]
    public async Task NearItsDeadlineANewPressIsTurnedAwayWhileAStepOfAPressUnderWayStillWaitsForItsTurn()
    {
        var time = new FakeTimeProvider(TestApp.Start);
        using var gate = Gate(1, 100, time);
        var held = await gate.EnterAsync(Arrival.Now(time), Deadline, CancellationToken.None);
        // 0.2 s left to start by (10 s less 8.65 s waited, an analysis of 0.15 s and a tenth for the answer); the
        // queue ahead means 0.15 s: within what a step under way may wait, beyond a new press's share of it (OpeningShare).
        var arrived = Arrival.Now(time);
        time.Advance(TimeSpan.FromSeconds(8.65));

        Assert.False(gate.Admits(arrived, Deadline, opening: true));
        Assert.True(gate.Admits(arrived, Deadline, opening: false));
        Assert.Null(await gate.EnterAsync(arrived, Deadline, CancellationToken.None, opening: true));
        var step = gate.EnterAsync(arrived, Deadline, CancellationToken.None, opening: false);
        await Until(() => gate.Waiting == 1);
        held!.Dispose();

        using var slot = await step;
        Assert.NotNull(slot);
    }

    [Fact]
    public async Task BeyondTheQueueLimitAPressIsTurnedAwayAndTheQueueReportsSaturation()
    {
        var time = new FakeTimeProvider(TestApp.Start);
        using var gate = Gate(1, 1, time);
        var held = await gate.EnterAsync(Arrival.Now(time), Deadline, CancellationToken.None);
        var second = gate.EnterAsync(Arrival.Now(time), Deadline, CancellationToken.None);
        await Until(() => gate.Waiting == 1);

        Assert.Null(await gate.EnterAsync(Arrival.Now(time), Deadline, CancellationToken.None));
        Assert.True(gate.SaturatedFor(TimeSpan.FromMinutes(1)));

        held!.Dispose();
        using var admitted = await second;
        Assert.NotNull(admitted);
        Assert.False(gate.SaturatedFor(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task APressWhoseCallerHasGoneLeavesTheQueueAndTakesNoSlot()
    {
        var time = new FakeTimeProvider(TestApp.Start);
        using var gate = Gate(1, 10, time);
        var held = await gate.EnterAsync(Arrival.Now(time), Deadline, CancellationToken.None);
        using var closing = new CancellationTokenSource();
        var gone = gate.EnterAsync(Arrival.Now(time), Deadline, closing.Token);
        await Until(() => gate.Waiting == 1);

        closing.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gone);
        Assert.Equal(0, gate.Waiting);
        held!.Dispose();
        Assert.Equal(0, gate.InUse);
    }

    [Fact]
    public async Task OnTheSystemClockAPressStillWaitingWhenItsDeadlineComesIsAnsweredBusy()
    {
        using var gate = Gate(1, 10, TimeProvider.System);
        var held = await gate.EnterAsync(Arrival.Now(TimeProvider.System), Deadline, CancellationToken.None);

        // Nobody gives the slot back: the press is answered when its one second is up, not never.
        var answer = await gate.EnterAsync(Arrival.Now(TimeProvider.System), TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Null(answer);
        Assert.Equal(0, gate.Waiting);
        held!.Dispose();
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(5);
        Assert.True(condition());
    }
}
