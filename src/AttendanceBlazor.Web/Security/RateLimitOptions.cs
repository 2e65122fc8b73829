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
