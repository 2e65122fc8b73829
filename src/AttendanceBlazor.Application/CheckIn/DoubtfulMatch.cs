namespace AttendanceBlazor.Application.CheckIn;

/// <summary>
/// Whom a doubtful face was close to, for the kiosk's question "Are you ...?": the candidate, their thumbnail (kept
/// with their consent), and how close.
/// </summary>
public sealed record DoubtfulMatch(int CandidateId, string CandidateName, float Distance, byte[]? CandidateThumbnail);
