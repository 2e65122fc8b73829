using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace AttendanceBlazor.Web.Security;

/// <summary>Section "RateLimits".</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>REST calls per device key per minute (a kiosk sends a still every few seconds at most).</summary>
    public int ApiPermitsPerMinute { get; set; } = 120;

    /// <summary>Wrong API keys from one address within <see cref="FailedKeyWindow"/> before that address is refused.</summary>
    public int FailedKeyAttempts { get; set; } = 10;

    public TimeSpan FailedKeyWindow { get; set; } = TimeSpan.FromMinutes(5);
}

public static class ApiRateLimits
{
    public const string ApiPolicy = "api";

    /// <summary>A fixed window per device (per address for calls without a valid key), answering 429 with Retry-After.</summary>
    public static IServiceCollection AddApiRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddSingleton(options);
        services.AddSingleton<FailedKeyAttempts>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(ApiPolicy, http =>
            {
                var device = http.User.FindFirst(ApiKeyAuthenticationHandler.DeviceClaim)?.Value;
                var key = device is null ? "ip:" + http.Connection.RemoteIpAddress : "device:" + device;
                return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.ApiPermitsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = async (context, token) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: 429, title: "Too many requests",
                    detail: $"too many requests from this device; try again in {(int)Math.Ceiling(retryAfter.TotalSeconds)} s",
                    extensions: new Dictionary<string, object?> { ["error"] = "too many requests" }).ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }
}

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
