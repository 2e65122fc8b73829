using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace AttendanceBlazor.Web.Security;

/// <summary>
/// Counts wrong API keys per remote address in a sliding window; past the limit the address gets 429 with
/// Retry-After, so keys cannot be guessed at speed.
/// </summary>
public sealed class FailedKeyAttempts(RateLimitOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new();

    public void Record(string address)
    {
        var queue = _failures.GetOrAdd(address, _ => new Queue<DateTimeOffset>());
        lock (queue) queue.Enqueue(time.GetUtcNow());
    }

    /// <summary>How long the address must wait, or null when it may try.</summary>
    public TimeSpan? Blocked(string address)
    {
        if (!_failures.TryGetValue(address, out var queue)) return null;
        var now = time.GetUtcNow();
        lock (queue)
        {
            while (queue.Count > 0 && now - queue.Peek() > options.FailedKeyWindow) queue.Dequeue();
            if (queue.Count < options.FailedKeyAttempts) return null;
            return queue.Peek() + options.FailedKeyWindow - now;
        }
    }
}
