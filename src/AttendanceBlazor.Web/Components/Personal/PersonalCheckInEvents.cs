namespace AttendanceBlazor.Web.Components.Personal;

/// <summary>
/// Per circuit: the card on My attendance says when it recorded something, so the app bar's control turns from
/// "Check in" to "Check out" (and back) on the same page without a navigation.
/// </summary>
public sealed class PersonalCheckInEvents
{
    public event Func<Task>? Recorded;

    /// <summary>The card on the page now, if any: the app bar's control starts it there instead of navigating.</summary>
    public Func<Task>? Start { get; set; }

    public Task RaiseAsync() => Recorded?.Invoke() ?? Task.CompletedTask;
}
