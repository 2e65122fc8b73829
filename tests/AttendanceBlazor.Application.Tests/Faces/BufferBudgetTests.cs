using AttendanceBlazor.Recognition;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AttendanceBlazor.Application.Tests.Faces;

/// <summary>The bytes of pictures held at once: reserved before they are read, in arrival order, given back after.</summary>
public sealed class BufferBudgetTests
{
    private const long MiB = 1024 * 1024;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private static BufferBudget Budget(long bytes, TimeProvider time) => new(Options.Create(new RecognitionOptions { MaxBufferedBytes = bytes }), time);

    [Fact]
    public async Task PicturesBeyondTheBudgetWaitUntilEarlierOnesAreGoneAndAreLetInInOrder()
    {
        var time = new FakeTimeProvider(TestApp.Start);
        var budget = Budget(32 * MiB, time);
        var first = await budget.ReserveAsync(20 * MiB, Arrival.Now(time), Deadline, CancellationToken.None);
        var second = budget.ReserveAsync(20 * MiB, Arrival.Now(time), Deadline, CancellationToken.None);
        // A small one behind it waits too: first come, first served, so a large burst is not starved.
        var third = budget.ReserveAsync(1 * MiB, Arrival.Now(time), Deadline, CancellationToken.None);

        Assert.Equal(20 * MiB, budget.InUse);
        Assert.False(second.IsCompleted);
        Assert.False(third.IsCompleted);

        first!.Dispose();
        using var s = await second;
        using var t = await third;
        Assert.NotNull(s);
        Assert.NotNull(t);
        Assert.Equal(21 * MiB, budget.InUse);
    }

    [Fact]
    public async Task APictureLargerThanTheWholeBudgetIsRefusedAndOneThatWouldWaitPastItsDeadlineIsAnsweredBusy()
    {
        var budget = Budget(16 * MiB, TimeProvider.System);
        Assert.Null(await budget.ReserveAsync(17 * MiB, Arrival.Now(TimeProvider.System), Deadline, CancellationToken.None));

        using var held = await budget.ReserveAsync(16 * MiB, Arrival.Now(TimeProvider.System), Deadline, CancellationToken.None);
        var late = await budget.ReserveAsync(1, Arrival.Now(TimeProvider.System), TimeSpan.FromMilliseconds(300), CancellationToken.None);

        Assert.Null(late);
        Assert.Equal(16 * MiB, budget.InUse);
    }

    [Fact]
    public async Task AWaitingPictureWhoseCallerHasGoneGivesItsPlaceToTheNext()
    {
        var time = new FakeTimeProvider(TestApp.Start);
        var budget = Budget(16 * MiB, time);
        var held = await budget.ReserveAsync(10 * MiB, Arrival.Now(time), Deadline, CancellationToken.None);
        using var closing = new CancellationTokenSource();
        var gone = budget.ReserveAsync(10 * MiB, Arrival.Now(time), Deadline, closing.Token);
        var next = budget.ReserveAsync(6 * MiB, Arrival.Now(time), Deadline, CancellationToken.None);

        closing.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gone);
        using var admitted = await next;
        Assert.NotNull(admitted);
        held!.Dispose();
        Assert.Equal(6 * MiB, budget.InUse);
    }
}
