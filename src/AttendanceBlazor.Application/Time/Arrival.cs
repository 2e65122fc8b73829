namespace AttendanceBlazor.Application.Time;

/// <summary>
/// The moment a press or a request reached the server, read once before any queue: <see cref="Utc"/> is the event's
/// time (the record, the duplicate window), <see cref="Timestamp"/> measures how long it has waited since (the answer's
/// deadline). Both from the app's <see cref="TimeProvider"/>.
/// </summary>
public readonly record struct Arrival(DateTime Utc, long Timestamp)
{
    public static Arrival Now(TimeProvider time) => new(time.GetUtcNow().UtcDateTime, time.GetTimestamp());

    /// <summary>An arrival at a given time (a test or a tool that names the moment); its wait counts from now.</summary>
    public static Arrival At(DateTime utc, TimeProvider time) => new(utc, time.GetTimestamp());

    /// <summary>How long this press has waited so far.</summary>
    public TimeSpan Waited(TimeProvider time) => time.GetElapsedTime(Timestamp);

    /// <summary>What is left of <paramref name="limit"/> for this press (zero or less: its answer is due).</summary>
    public TimeSpan Left(TimeSpan limit, TimeProvider time) => limit - Waited(time);
}
