using AttendanceBlazor.Application.Time;
using AttendanceBlazor.Recognition;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Application.Faces;

/// <summary>
/// The concurrency limit around recognition, one per process: so many analyses at once
/// (Recognition:MaxConcurrentAnalyses, one per core by default), the rest waiting in arrival order, and every press
/// answered within its deadline. A press is let in only while an analysis can still end before its deadline: one that
/// would wait longer than that, or would find the queue full (AnalysisQueueLimit), is told at once to come back after
/// the wait the queue ahead of it means (<see cref="RetryAfter"/>); one whose caller is gone (a closed circuit, a
/// cancelled request) leaves the queue. A slot is held explicitly: whoever holds one passes it to the analysis.
/// A press that opens new work (a still, a challenge's first step) is let in only while it would wait at most
/// <see cref="OpeningShare"/> of what it may: the rest is kept for presses already under way, whose later steps would
/// otherwise be turned away after their first ones had been paid for (docs/benchmarks.md: at four times the capacity
/// the check-ins recorded went from 2.0 to 2.9 a second; at twice the capacity they stay at capacity's rate).
/// </summary>
public sealed class RecognitionGate : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly int _queueLimit;
    private readonly TimeProvider _time;
    private int _waiting;
    // A first guess until slots have been held: about one still on one core of the machines measured.
    private long _meanServiceTicks = TimeSpan.FromMilliseconds(150).Ticks;

    public RecognitionGate(IOptions<RecognitionOptions> options, TimeProvider time)
    {
        Slots = options.Value.MaxConcurrentAnalyses > 0 ? options.Value.MaxConcurrentAnalyses : Environment.ProcessorCount;
        _slots = new SemaphoreSlim(Slots, Slots);
        _queueLimit = options.Value.AnalysisQueueLimit;
        _time = time;
    }

    public int Slots { get; }

    /// <summary>The share of its waiting budget a press that opens new work may use; steps of presses under way use all of it.</summary>
    public const double OpeningShare = 0.5;

    /// <summary>Presses waiting for a slot now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Slots held now.</summary>
    public int InUse => Slots - _slots.CurrentCount;

    /// <summary>How long a slot is held, on average lately (an exponential mean of the last holds).</summary>
    public TimeSpan MeanService => TimeSpan.FromTicks(Volatile.Read(ref _meanServiceTicks));

    /// <summary>How long a press arriving now would wait for a slot: the queue ahead of it, served <see cref="Slots"/> at a time.</summary>
    public TimeSpan ExpectedWait => _slots.CurrentCount > 0 && Waiting == 0 ? TimeSpan.Zero : MeanService * ((Waiting + 1.0) / Slots);

    /// <summary>When a press turned away now should come back: the wait ahead of it, at least a second.</summary>
    public TimeSpan RetryAfter => TimeSpan.FromSeconds(Math.Clamp(Math.Ceiling(ExpectedWait.TotalSeconds), 1, 60));

    /// <summary>Whether the queue is full, or a newcomer would wait longer than <paramref name="wait"/> (the readiness probe's test).</summary>
    public bool SaturatedFor(TimeSpan wait) => Waiting >= _queueLimit || ExpectedWait > wait;

    /// <summary>
    /// A slot for a press that arrived at <paramref name="arrival"/> and must be answered within <paramref name="within"/>
    /// of it; null when it cannot be had in time (answer busy, with <see cref="RetryAfter"/>). Cancelled with its caller.
    /// </summary>
    public async Task<AnalysisSlot?> EnterAsync(Arrival arrival, TimeSpan within, CancellationToken cancellationToken, bool opening = true)
    {
        // An analysis must be able to start and end before the deadline, with time left for the answer to travel.
        var left = StartBy(arrival, within);
        if (left <= TimeSpan.Zero) return null;
        if (_slots.Wait(0, CancellationToken.None)) return new AnalysisSlot(this);
        var ahead = Interlocked.Increment(ref _waiting);
        try
        {
            // Shed at once what the queue ahead could not serve in time: an answer now beats one at the deadline.
            if (ahead > _queueLimit || MeanService * ((double)ahead / Slots) > (opening ? left * OpeningShare : left)) return null;
            using var timeout = new CancellationTokenSource(left, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            try
            {
                await _slots.WaitAsync(linked.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
        return new AnalysisSlot(this);
    }

    /// <summary>
    /// Whether a press that arrived at <paramref name="arrival"/> would be let in now, judged by the queue ahead: asked
    /// before its picture is read, so a press that would be turned away costs no upload and no memory.
    /// </summary>
    public bool Admits(Arrival arrival, TimeSpan within, bool opening = true)
    {
        var left = StartBy(arrival, within);
        return left > TimeSpan.Zero && Waiting < _queueLimit && ExpectedWait <= (opening ? left * OpeningShare : left);
    }

    /// <summary>How long a press may still wait for a slot: its deadline, less an analysis and a tenth for the answer's way back.</summary>
    private TimeSpan StartBy(Arrival arrival, TimeSpan within) => arrival.Left(within, _time) - MeanService - within / 10;

    private void Release(TimeSpan held)
    {
        // An exponential mean: a burst holds a slot longer than a still, and the load changes through the day.
        long current, next;
        do
        {
            current = Volatile.Read(ref _meanServiceTicks);
            next = (long)(current * 0.9 + held.Ticks * 0.1);
        }
        while (Interlocked.CompareExchange(ref _meanServiceTicks, next, current) != current);
        _slots.Release();
    }

    public void Dispose() => _slots.Dispose();

    /// <summary>A held recognition slot: analyses run in it, and it is given back once disposed.</summary>
    public sealed class AnalysisSlot : IDisposable
    {
        private readonly RecognitionGate _gate;
        private readonly long _since;
        private int _released;

        internal AnalysisSlot(RecognitionGate gate)
        {
            _gate = gate;
            _since = gate._time.GetTimestamp();
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 1) return;
            _gate.Release(_gate._time.GetElapsedTime(_since));
        }
    }
}
