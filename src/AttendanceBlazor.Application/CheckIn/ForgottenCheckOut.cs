namespace AttendanceBlazor.Application.CheckIn;

/// <summary>
/// The record a person did not check out of, closed automatically, as the question "When did you leave?" needs it:
/// the answer must lie after <see cref="CheckInLocal"/> and no later than <see cref="ClosedLocal"/> (local times).
/// </summary>
public sealed record ForgottenCheckOut(long RecordId, DateTime CheckInLocal, DateTime ClosedLocal);
