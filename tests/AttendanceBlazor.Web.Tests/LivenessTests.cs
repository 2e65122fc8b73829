using AttendanceBlazor.Application.Time;
using AttendanceBlazor.Application.Liveness;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceBlazor.Web.Tests;

/// <summary>
/// The liveness check on real head turns and blinks (../shared/faces-pose) and on a still photo moved, turned and
/// tilted in front of the camera: each real sequence passes the challenge it shows and fails the opposite one; no
/// picture passes any challenge. The challenge is fixed through the server's random source.
/// </summary>
public sealed class LivenessTests : IDisposable
{
    private static readonly LivenessChallengeKind[] All = Enum.GetValues<LivenessChallengeKind>();
    private readonly AppFactory _app = new();

    public LivenessTests()
    {
        for (var i = 0; i < All.Length; i++) _app.Settings[$"Attendance:LivenessChallenges:{i}"] = All[i].ToString();
    }

    private static string PoseDirectory => Path.Combine(Path.GetDirectoryName(TestFaces.Directory)!, "faces-pose");

    private static IReadOnlyList<byte[]> Sequence(string name) =>
        Directory.GetFiles(Path.Combine(PoseDirectory, name), "*.jpg").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();

    private async Task<LivenessVerdict> VerifyAsync(LivenessChallengeKind kind, IReadOnlyList<byte[]> frames)
    {
        var liveness = _app.Services.GetRequiredService<LivenessService>();
        _app.Challenges.Value = Array.IndexOf(All, kind);
        var challenge = liveness.Issue();
        Assert.Equal(kind, challenge.Kind);
        // The kiosk's burst: the first frame as the full still, then the frames that follow it.
        return await liveness.VerifyAsync(challenge.Nonce, LivenessBurst.Build([frames[0], .. frames]), Arrival.Now(_app.Time));
    }

    public static TheoryData<string, LivenessChallengeKind, LivenessChallengeKind> RealMovements() => new()
    {
        { "person-a/turn-right-then-left", LivenessChallengeKind.TurnRightThenLeft, LivenessChallengeKind.TurnLeftThenRight },
        { "person-a/turn-left-and-back", LivenessChallengeKind.TurnLeft, LivenessChallengeKind.TurnRight },
        { "person-b/turn-right-left-right", LivenessChallengeKind.TurnRightThenLeft, LivenessChallengeKind.TurnLeftThenRight },
        { "person-c/turn-left-to-right", LivenessChallengeKind.TurnLeftThenRight, LivenessChallengeKind.TurnRightThenLeft },
        { "person-d/turn-left-to-right", LivenessChallengeKind.TurnLeftThenRight, LivenessChallengeKind.TurnRightThenLeft },
        { "person-e/blink-twice", LivenessChallengeKind.Blink, LivenessChallengeKind.TurnLeft },
        { "person-f/blink", LivenessChallengeKind.Blink, LivenessChallengeKind.TurnRight },
        { "person-g/blink", LivenessChallengeKind.Blink, LivenessChallengeKind.TurnLeftThenRight },
    };

    [Theory]
    [MemberData(nameof(RealMovements))]
    public async Task ARealSequencePassesTheChallengeItShowsAndFailsTheOpposite(string sequence, LivenessChallengeKind shown, LivenessChallengeKind opposite)
    {
        var frames = Sequence(sequence);

        var pass = await VerifyAsync(shown, frames);
        var fail = await VerifyAsync(opposite, frames);

        if (!pass.Passed && pass.Landmarks.Count > 0)
        {
            var l = pass.Landmarks;
            string F(Func<Recognition.Pipeline.PointD[], double> f) => string.Join(" ", l.Select(p => f(p).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)));
            Console.WriteLine($"{sequence}: roll {F(LandmarkGeometry.Roll)}\nspan {F(LandmarkGeometry.EyeSpan)}\nshape {F(LandmarkGeometry.NoseToJaw)}\ncx {F(p => LandmarkGeometry.Centre(p).X)}");
        }
        Assert.True(pass.Passed, $"{sequence} {shown}: {pass.Failure}, yaw {string.Join(" ", pass.Yaws.Select(y => y.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))}, eyes {string.Join(" ", pass.EyeAspects.Select(y => y.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)))}");
        Assert.NotNull(pass.Identity?.Face);
        Assert.Equal(LivenessFailure.ChallengeNotMet, fail.Failure);
    }

    public static TheoryData<PictureMotion, LivenessChallengeKind> PictureAttacks()
    {
        var data = new TheoryData<PictureMotion, LivenessChallengeKind>();
        foreach (var motion in Enum.GetValues<PictureMotion>())
        {
            foreach (var kind in All) data.Add(motion, kind);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(PictureAttacks))]
    public async Task APhotoHeldUpAndMovedFailsEveryChallenge(PictureMotion motion, LivenessChallengeKind kind)
    {
        var photo = File.ReadAllBytes(TestFaces.PathOf("enroll/obama/1.jpg"));
        var frames = PictureAttack.Frames(photo, motion, count: 24);

        var verdict = await VerifyAsync(kind, frames);

        Assert.False(verdict.Passed, $"{motion} passed {kind}: yaw {string.Join(" ", verdict.Yaws.Select(y => y.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))}");
        Assert.NotEqual(LivenessFailure.NoChallenge, verdict.Failure);
    }

    [Fact]
    public async Task ANonceCountsOnceSoARecordedAnswerCannotBeReplayed()
    {
        var liveness = _app.Services.GetRequiredService<LivenessService>();
        _app.Challenges.Value = Array.IndexOf(All, LivenessChallengeKind.TurnRightThenLeft);
        var frames = Sequence("person-a/turn-right-then-left");
        var burst = LivenessBurst.Build([frames[0], .. frames]);
        var challenge = liveness.Issue();

        Assert.True((await liveness.VerifyAsync(challenge.Nonce, burst, Arrival.Now(_app.Time))).Passed);
        Assert.Equal(LivenessFailure.NoChallenge, (await liveness.VerifyAsync(challenge.Nonce, burst, Arrival.Now(_app.Time))).Failure);
        var late = liveness.Issue();
        _app.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(LivenessFailure.NoChallenge, (await liveness.VerifyAsync(late.Nonce, burst, Arrival.Now(_app.Time))).Failure);
    }

    [Fact]
    public async Task ABurstThatSwapsFacesFails()
    {
        var first = Sequence("person-a/turn-right-then-left");
        var other = Sequence("person-c/turn-left-to-right");
        _app.Challenges.Value = Array.IndexOf(All, LivenessChallengeKind.TurnRightThenLeft);

        // Person a's still, then person c's frames: the face is lost at the jump, or it is not the same face at the end.
        var verdict = await VerifyAsync(LivenessChallengeKind.TurnRightThenLeft, [first[0], .. other]);

        Assert.Contains(verdict.Failure, new[] { LivenessFailure.LostFace, LivenessFailure.DifferentFace, LivenessFailure.ChallengeNotMet });
    }

    public void Dispose() => _app.Dispose();
}
