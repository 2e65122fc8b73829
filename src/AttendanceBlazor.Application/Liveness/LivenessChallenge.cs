namespace AttendanceBlazor.Application.Liveness;

/// <summary>A challenge as the server issued it: a one-time nonce, what to do, and until when the answer counts.</summary>
public sealed record LivenessChallenge(string Nonce, LivenessChallengeKind Kind, DateTime IssuedUtc, DateTime ExpiresUtc);
