namespace AttendanceBlazor.Application.CheckIn;

/// <summary>
/// Whom a doubtful face was close to, for the kiosk's question "Are you Ann L.?": the candidate, what the kiosk may
/// call them (<see cref="KioskName"/>: never the full name, never their face), how close, and the review item the
/// question wrote once asked.
/// </summary>
public sealed record DoubtfulMatch(int CandidateId, string KioskName, float Distance)
{
    /// <summary>The review item of the question (<see cref="Data.Entities.ReviewKind.DoubtfulAsked"/>), once it was asked.</summary>
    public long? ReviewItemId { get; init; }
}
