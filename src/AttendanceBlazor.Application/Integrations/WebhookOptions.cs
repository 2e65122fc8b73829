using System.Globalization;

namespace AttendanceBlazor.Application.Integrations;

/// <summary>"Webhooks": how the outbox is sent.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Waits between tries, comma-separated; the last repeats. Default: 5 s, 30 s, 2 min, 10 min, 1 h, then every 2 h.</summary>
    public string RetryDelays { get; set; } = "00:00:05,00:00:30,00:02:00,00:10:00,01:00:00,02:00:00";

    /// <summary>How often each node looks for due events (besides being woken by a new one on this node).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A receiver's whole answer must come within this.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>An endpoint with no success for this long, while events wait for it, is disabled and its waiting events marked failed.</summary>
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a rotated-out secret still signs beside the new one.</summary>
    public TimeSpan RotationOverlap { get; set; } = TimeSpan.FromHours(24);

    public IReadOnlyList<TimeSpan> Delays() =>
        RetryDelays.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => TimeSpan.Parse(d, CultureInfo.InvariantCulture)).ToList();

    public IEnumerable<string> Problems()
    {
        IReadOnlyList<TimeSpan>? delays = null;
        try
        {
            delays = Delays();
        }
        catch (FormatException)
        {
        }
        catch (OverflowException)
        {
        }
        if (delays is null || delays.Count == 0 || delays.Any(d => d <= TimeSpan.Zero)) yield return "Webhooks:RetryDelays must be one or more positive times, comma-separated (00:00:05,00:00:30,...).";
        if (PollInterval < TimeSpan.FromMilliseconds(100) || PollInterval > TimeSpan.FromMinutes(1)) yield return "Webhooks:PollInterval must be between 00:00:00.1 and 00:01:00.";
        if (Timeout < TimeSpan.FromSeconds(1) || Timeout > TimeSpan.FromMinutes(1)) yield return "Webhooks:Timeout must be between 00:00:01 and 00:01:00.";
    }
}
