using AttendanceBlazor.Application.Faces;
using AttendanceBlazor.Application.Liveness;

namespace AttendanceBlazor.Application.CheckIn;

/// <summary>
/// The check-in use cases a camera page needs, bundled (as eShop bundles an API's services): the kiosk and the own tab
/// take this one parameter instead of eight. Each is a small use case of its own over <see cref="CheckInWriter"/>.
/// </summary>
public sealed record CheckIns(
    StillAnalyzer Analyzer,
    RecognitionGate Gate,
    LivenessService Liveness,
    FaceCheckIn Face,
    Registration Registration,
    DoubtfulAnswers Doubtful,
    PinCheckIn Pin,
    CheckReviews Reviews,
    PersonalCheckIn Personal,
    TimeProvider Time)
{
    /// <summary>A liveness challenge for one press, with the configured number of tries.</summary>
    public ChallengeSession Challenge(int attempts) => new(Liveness, attempts, Time);
}
