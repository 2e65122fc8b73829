using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace AttendanceBlazor.Testing;

/// <summary>
/// A clock a test can move ahead (to the next morning, past a window): either standing still between the test's
/// moves (<see cref="Frozen"/>, a FakeTimeProvider), or running in real time from its start (<see cref="Running"/>),
/// for rules that depend on real waiting: a liveness step's frames must take as long as the step, whatever day the
/// test has moved to.
/// </summary>
public abstract class TestClock : TimeProvider
{
    public abstract void Advance(TimeSpan by);

    public static TestClock Frozen(DateTimeOffset start) => new FrozenClock(new FakeTimeProvider(start));

    public static TestClock Running(DateTimeOffset start) => new RunningClock(start);

    private sealed class FrozenClock(FakeTimeProvider fake) : TestClock
    {
        public override void Advance(TimeSpan by) => fake.Advance(by);
        public override DateTimeOffset GetUtcNow() => fake.GetUtcNow();
        public override long GetTimestamp() => fake.GetTimestamp();
        public override long TimestampFrequency => fake.TimestampFrequency;
        public override TimeZoneInfo LocalTimeZone => fake.LocalTimeZone;
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => fake.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>The system's clocks, shifted: to <paramref name="start"/> at first, and by every <see cref="Advance"/>.</summary>
    private sealed class RunningClock(DateTimeOffset start) : TestClock
    {
        private readonly long _origin = Stopwatch.GetTimestamp();
        private long _offsetTicks;

        public override void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

        public override DateTimeOffset GetUtcNow() =>
            start + Stopwatch.GetElapsedTime(_origin) + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

        public override long GetTimestamp() =>
            Stopwatch.GetTimestamp() + (long)(Interlocked.Read(ref _offsetTicks) * (Stopwatch.Frequency / (double)TimeSpan.TicksPerSecond));

        public override long TimestampFrequency => Stopwatch.Frequency;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
