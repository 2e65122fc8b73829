namespace AttendanceBlazor.Application.Integrations;

/// <summary>The event types a webhook endpoint can receive (docs/integrations.md lists each one's data).</summary>
public static class WebhookEvents
{
    public const string CheckedIn = "attendance.checked_in";
    public const string CheckedOut = "attendance.checked_out";
    public const string Corrected = "attendance.corrected";
    public const string Registered = "person.registered";
    public const string Erased = "person.erased";
    public const string ReviewCreated = "review.created";
    public const string PeriodApproved = "period.approved";
    public const string PeriodReopened = "period.reopened";

    public static readonly IReadOnlyList<string> All = [CheckedIn, CheckedOut, Corrected, Registered, Erased, ReviewCreated, PeriodApproved, PeriodReopened];

    /// <summary>What an <c>attendance.corrected</c> says happened to the record.</summary>
    public static class Changes
    {
        public const string Corrected = "corrected";
        public const string Added = "added";
        public const string Deleted = "deleted";
        public const string Merged = "merged";
        public const string AutoClosed = "auto_closed";
        public const string Stated = "stated";
    }

    /// <summary>"a,b" or "*" to the list of types; null when one is not an event type.</summary>
    public static IReadOnlyList<string>? Parse(string? text)
    {
        var parts = (text ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 1 && parts[0] == "*") return All;
        if (parts.Length == 0 || parts.Any(p => !All.Contains(p))) return null;
        return parts.Distinct().ToList();
    }

    public static bool Subscribed(string events, string type) => events == "*" || events.Split(',').Contains(type);
}
