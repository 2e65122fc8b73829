using AttendanceBlazor.Application.Liveness;

namespace AttendanceBlazor.Application.Tests.Liveness;

/// <summary>One press's challenge, try by try, as the kiosk and the own tab both run it.</summary>
public sealed class ChallengeSessionTests : IAsyncLifetime
{
    private TestApp _app = default!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(new Dictionary<string, string?>
    {
        ["Attendance:Liveness"] = "Challenge",
        ["Attendance:LivenessChallenges:0"] = "TurnRightThenLeft",
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private ChallengeSession Session() => new(_app.Get<LivenessService>(), attempts: 3, _app.Time);

    [Fact]
    public async Task ARealHeadTurnPassesWithItsFaceToDecideOn()
    {
        var frames = TestFaces.Pose("person-a/turn-right-then-left");
        var session = Session();
        session.Start();

        var step = await session.SubmitAsync(LivenessBurst.Build([frames[0], .. frames]));

        Assert.Equal(ChallengeStepKind.Passed, step.Kind);
        Assert.NotNull(step.Face);
        Assert.Null(session.Challenge);
    }

    [Fact]
    public async Task APictureHeldUpAndTurnedFailsEachTryAndAfterTheLastNoChallengeIsLeft()
    {
        var photo = File.ReadAllBytes(TestFaces.PathOf("probe/obama.jpg"));
        var burst = LivenessBurst.Build([photo, .. PictureAttack.Frames(photo, PictureMotion.Turned)]);
        var session = Session();
        session.Start();

        var steps = new List<ChallengeStepKind>();
        while (session.Challenge is not null) steps.Add((await session.SubmitAsync(burst)).Kind);

        Assert.Equal([ChallengeStepKind.Again, ChallengeStepKind.Again, ChallengeStepKind.NotLive], steps);
        Assert.Equal(3, session.Attempt);
    }
}
