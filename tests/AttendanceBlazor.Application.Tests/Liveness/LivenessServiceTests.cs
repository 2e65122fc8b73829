using System.Globalization;
using AttendanceBlazor.Application.Liveness;

namespace AttendanceBlazor.Application.Tests.Liveness;

/// <summary>
/// One step judged on real head turns (../shared/faces-pose) and on a still photo moved, turned and tilted in front of
/// the camera: each real turn passes a step to its side and, asked the other way, is a glance the wrong way; no
/// picture passes a step to either side.
/// </summary>
public sealed class LivenessServiceTests : IAsyncLifetime
{
    private TestApp _app = default!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(new Dictionary<string, string?> { ["Attendance:Liveness"] = "Challenge" });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>The step's frames followed from the face in <paramref name="still"/>, as the first step of a try is.</summary>
    private async Task<LivenessVerdict> StepAsync(HeadTurn asked, byte[] still, IReadOnlyList<byte[]> frames)
    {
        var face = (await _app.Get<StillAnalyzer>().AnalyzeAsync(still, Arrival.Now(_app.Time), StillSource.Camera)).Face
            ?? throw new InvalidOperationException("no face in the still");
        return _app.Get<LivenessService>().Follow(asked, frames.Select(f => (ReadOnlyMemory<byte>)f).ToList(), face.Landmarks, face.StillSize, CancellationToken.None);
    }

    private static string Describe(LivenessVerdict v) =>
        $"{v.Failure}, yaw {string.Join(" ", v.Yaws.Select(y => y.ToString("0", CultureInfo.InvariantCulture)))}";

    /// <summary>A sequence's frames, from <paramref name="from"/>, and then back again when <paramref name="andBack"/> (a one-way sweep made a step).</summary>
    private static IReadOnlyList<byte[]> Cut(string sequence, int from, bool andBack = false)
    {
        var frames = TestFaces.Pose(sequence).Skip(from).ToList();
        return andBack ? [.. frames, .. Enumerable.Reverse(frames)] : frames;
    }

    public static TheoryData<string, int, bool, HeadTurn> RealTurns() => new()
    {
        { "person-a/turn-right-then-left", 0, false, HeadTurn.Right },
        { "person-a/turn-left-and-back", 0, false, HeadTurn.Left },
        { "person-b/turn-right-left-right", 0, false, HeadTurn.Left },
        { "person-c/turn-left-to-right", 6, true, HeadTurn.Right },
        { "person-d/turn-left-to-right", 0, false, HeadTurn.Right },
    };

    [Theory]
    [MemberData(nameof(RealTurns))]
    public async Task ARealTurnPassesAStepToItsSideAndAskedTheOtherWayIsAGlanceTheWrongWay(string sequence, int from, bool andBack, HeadTurn side)
    {
        var frames = Cut(sequence, from, andBack);
        var other = side == HeadTurn.Left ? HeadTurn.Right : HeadTurn.Left;

        var pass = await StepAsync(side, frames[0], frames);
        var wrong = await StepAsync(other, frames[0], frames);

        Assert.True(pass.Passed, $"{sequence} {side}: {Describe(pass)}");
        Assert.NotNull(pass.Descriptor);
        Assert.NotEmpty(pass.TurnedFrames);
        Assert.Equal(LivenessFailure.WrongWayFirst, wrong.Failure);
    }

    public static TheoryData<PictureMotion, HeadTurn> PictureAttacks()
    {
        var data = new TheoryData<PictureMotion, HeadTurn>();
        foreach (var motion in Enum.GetValues<PictureMotion>())
        {
            data.Add(motion, HeadTurn.Left);
            data.Add(motion, HeadTurn.Right);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(PictureAttacks))]
    public async Task APhotoHeldUpAndMovedPassesNoStep(PictureMotion motion, HeadTurn asked)
    {
        var photo = File.ReadAllBytes(TestFaces.PathOf("enroll/obama/1.jpg"));
        var frames = PictureAttack.Frames(photo, motion, count: 24);

        var verdict = await StepAsync(asked, photo, frames);

        Assert.False(verdict.Passed, $"{motion} passed a turn to the {asked}: {Describe(verdict)}");
    }

    [Fact]
    public async Task AStepThatSwapsFacesIsLostOrNotMet()
    {
        var first = TestFaces.Pose("person-a/turn-right-then-left");
        var other = TestFaces.Pose("person-c/turn-left-to-right");

        // Person a's still, then person c's frames: the face is lost at the jump, or found again and never turns as asked.
        var verdict = await StepAsync(HeadTurn.Right, first[0], other);

        Assert.Contains(verdict.Failure, new[] { LivenessFailure.LostFace, LivenessFailure.ChallengeNotMet, LivenessFailure.WrongWayFirst });
    }

    [Fact]
    public async Task TooFewFramesAreNoStep()
    {
        var frames = PoseSteps.Right1.Take(LivenessService.MinFrames - 1).ToList();

        Assert.Equal(LivenessFailure.BadBurst, (await StepAsync(HeadTurn.Right, PoseSteps.Still, frames)).Failure);
    }
}
