using AttendanceBlazor.Application.Liveness;
using static AttendanceBlazor.Application.Liveness.HeadTurn;

namespace AttendanceBlazor.Application.Tests.Liveness;

/// <summary>
/// One press's challenge, step by step, as the kiosk and the own tab both run it, on real head turns of one man
/// (../shared/faces-pose person-a, cut into steps: <see cref="PoseSteps"/>). The turns are fixed through the draw;
/// the clock moves on by a step's time before each step's frames, as a camera's recording takes it.
/// </summary>
public sealed class ChallengeSessionTests : IAsyncLifetime
{
    private TestApp _app = default!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(new Dictionary<string, string?> { ["Attendance:Liveness"] = "Challenge" });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private ChallengeSession Start(params HeadTurn[] turns)
    {
        _app.Draw.Steps = turns;
        var session = _app.Get<CheckIns>().Challenge(attempts: 3);
        session.Start();
        return session;
    }

    /// <summary>Each step's frames after the step's time, the first with the still: what the session answered to each.</summary>
    private async Task<List<ChallengeStep>> AnswerAsync(ChallengeSession session, params IReadOnlyList<byte[]>[] steps)
    {
        var answers = new List<ChallengeStep>();
        foreach (var frames in steps)
        {
            _app.FakeTime!.Advance(session.StepDuration);
            answers.Add(await session.SubmitAsync(LivenessBurst.Build(session.NeedsStill ? [PoseSteps.Still, .. frames] : frames)));
        }
        return answers;
    }

    private static List<ChallengeStepKind> Kinds(IEnumerable<ChallengeStep> steps) => steps.Select(s => s.Kind).ToList();

    [Fact]
    public async Task FramesNotSeenBeforeInTheDrawnOrderPassEveryStepAndTheFaceIsDecidedOn()
    {
        var session = Start(Right, Left, Left);

        var answers = await AnswerAsync(session, PoseSteps.Right1, PoseSteps.Left1, PoseSteps.Left2);

        Assert.Equal([ChallengeStepKind.Next, ChallengeStepKind.Next, ChallengeStepKind.Passed], Kinds(answers));
        Assert.Equal(session.Press, answers[^1].Face!.LivePress);
        Assert.Null(session.Current);
        await using var db = _app.Db();
        Assert.True(await db.SeenFrames.CountAsync(f => f.PressId == session.Press) >= 10);
    }

    [Fact]
    public async Task TheSameFramesSentAgainAreARecordingAndPassNoMore()
    {
        await AnswerAsync(Start(Right, Left, Left), PoseSteps.Right1, PoseSteps.Left1, PoseSteps.Left2);

        var again = await AnswerAsync(Start(Right, Left, Left), PoseSteps.Right1, PoseSteps.Left1, PoseSteps.Left2);

        Assert.Equal([ChallengeStepKind.Next, ChallengeStepKind.Next, ChallengeStepKind.Replayed], Kinds(again));
    }

    [Fact]
    public async Task FramesSeenBeforeReversedAreARecording()
    {
        await AnswerAsync(Start(Right, Left, Left), PoseSteps.Right1, PoseSteps.Left1, PoseSteps.Left2);

        // Each step played backwards: still a turn to that side and back, frame for frame the same pictures.
        var reversed = await AnswerAsync(Start(Right, Left, Left),
            PoseSteps.Right1.Reverse().ToList(), PoseSteps.Left1.Reverse().ToList(), PoseSteps.Left2.Reverse().ToList());

        Assert.Equal(ChallengeStepKind.Replayed, reversed[^1].Kind);
    }

    [Fact]
    public async Task FramesSeenBeforeInAnotherOrderAreARecording()
    {
        await AnswerAsync(Start(Right, Left, Left), PoseSteps.Right1, PoseSteps.Left1, PoseSteps.Left2);

        var reordered = await AnswerAsync(Start(Left, Right, Left), PoseSteps.Left2, PoseSteps.Right1, PoseSteps.Left1);

        Assert.Equal([ChallengeStepKind.Next, ChallengeStepKind.Next, ChallengeStepKind.Replayed], Kinds(reordered));
    }

    [Fact]
    public async Task AnotherRecordingOfTheSameManIsNotTakenForARecordingSeenBefore()
    {
        // His first recording (and its mirror image), then his second one (and its mirror image): the same man at
        // the same turns, on another day.
        var first = await AnswerAsync(Start(Right, Left, Right), PoseSteps.Right1, PoseSteps.Left1, PoseSteps.Right2);

        var second = await AnswerAsync(Start(Left, Right, Left), PoseSteps.Left2, PoseSteps.Right3, PoseSteps.Left2);

        Assert.Equal(ChallengeStepKind.Passed, first[^1].Kind);
        Assert.Equal(ChallengeStepKind.Passed, second[^1].Kind);
    }

    [Fact]
    public async Task ThePressThatRegisteredSomeoneLeavesItsFramesWithThemAndTheyGoWithTheirErasure()
    {
        var passed = (await AnswerAsync(Start(Right, Left, Left), PoseSteps.Right1, PoseSteps.Left1, PoseSteps.Left2))[^1];
        var name = Application.People.PersonName.Parse("Adam Turner", 200).Name!;
        var context = new CheckContext(AttendanceSource.Kiosk, "kiosk:lobby", _app.Time.GetUtcNow().UtcDateTime, true, "1");

        var registered = await _app.Get<CheckIns>().Registration.RegisterAsync([passed.Face!], name, context);

        Assert.Equal(CheckOutcome.Registered, registered.Outcome);
        await using (var db = _app.Db())
        {
            Assert.NotEqual(0, await db.SeenFrames.CountAsync());
            Assert.True(await db.SeenFrames.AllAsync(f => f.PersonId == registered.PersonId));
        }
        var erased = await _app.Get<Application.People.PeopleService>().EraseAsync(registered.PersonId!.Value, Audit.Actor.System, "asked to be forgotten");
        Assert.True(erased.Succeeded, erased.ToString());
        await using var check = _app.Db();
        Assert.Equal(0, await check.SeenFrames.CountAsync());
    }

    [Fact]
    public async Task AGlanceTheWrongWayFirstShowsTheSameStepAgainWithinTheTry()
    {
        var session = Start(Left, Right, Left);

        var glance = await AnswerAsync(session, PoseSteps.Right1);

        Assert.Equal((ChallengeStepKind.Again, LivenessFailure.WrongWayFirst), (glance[0].Kind, glance[0].Failure));
        Assert.Equal((Left, 1, 1, ChallengeHint.WrongWay), (session.Current, session.StepNumber, session.Attempt, session.Hint));
        var rest = await AnswerAsync(session, PoseSteps.Left1, PoseSteps.Right2, PoseSteps.Left2);
        Assert.Equal([ChallengeStepKind.Next, ChallengeStepKind.Next, ChallengeStepKind.Passed], Kinds(rest));
    }

    [Fact]
    public async Task FramesSentSoonerThanTheStepLastsWereNotRecordedForItAndStartANewTry()
    {
        var session = Start(Right, Left, Left);

        // Sent the moment the step appeared: prepared before anyone knew which way it would ask.
        var early = await session.SubmitAsync(LivenessBurst.Build([PoseSteps.Still, .. PoseSteps.Right1]));

        Assert.Equal((ChallengeStepKind.Again, LivenessFailure.TooEarly), (early.Kind, early.Failure));
        Assert.Equal((2, 1, ChallengeHint.NewTry), (session.Attempt, session.StepNumber, session.Hint));
    }

    [Fact]
    public async Task FramesAfterTheStepsAnswerWasDueStartANewTry()
    {
        var session = Start(Right, Left, Left);
        _app.FakeTime!.Advance(TimeSpan.FromSeconds(20));

        var late = await session.SubmitAsync(LivenessBurst.Build([PoseSteps.Still, .. PoseSteps.Right1]));

        Assert.Equal((ChallengeStepKind.Again, LivenessFailure.TooLate), (late.Kind, late.Failure));
    }

    [Fact]
    public async Task APictureHeldUpAndTurnedFailsEachTryAndAfterTheLastNoStepIsLeft()
    {
        var photo = File.ReadAllBytes(TestFaces.PathOf("probe/obama.jpg"));
        var session = Start(Right, Left, Right);

        var answers = new List<ChallengeStep>();
        while (session.Current is not null)
        {
            _app.FakeTime!.Advance(session.StepDuration);
            var frames = PictureAttack.Frames(photo, PictureMotion.Turned);
            answers.Add(await session.SubmitAsync(LivenessBurst.Build(session.NeedsStill ? [photo, .. frames] : [.. frames])));
        }

        Assert.Equal([ChallengeStepKind.Again, ChallengeStepKind.Again, ChallengeStepKind.NotLive], Kinds(answers));
        Assert.All(answers, a => Assert.Equal(LivenessFailure.ChallengeNotMet, a.Failure));
        await using var db = _app.Db();
        Assert.Equal(0, await db.SeenFrames.CountAsync());
    }

    [Fact]
    public async Task SomeoneElsesTurnInALaterStepDoesNotPass()
    {
        var session = Start(Right, Right, Left);
        var stranger = TestFaces.Pose("person-d/turn-left-to-right").Skip(5).ToList();

        var answers = await AnswerAsync(session, PoseSteps.Right1, stranger);

        Assert.Equal(ChallengeStepKind.Again, answers[1].Kind);
        Assert.Contains(answers[1].Failure, new[] { LivenessFailure.DifferentFace, LivenessFailure.LostFace });
    }
}

/// <summary>The step's window on the system clock: the frames really have to take the step's time.</summary>
public sealed class ChallengeTimingTests : IAsyncLifetime
{
    private TestApp _app = default!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(new Dictionary<string, string?>
    {
        ["Attendance:Liveness"] = "Challenge",
        ["Attendance:LivenessStepDuration"] = "00:00:01.5",
    }, time: TimeProvider.System);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task OnTheSystemClockFramesSentAtOnceAreRefusedAndFramesSentAfterTheStepsTimeAreJudged()
    {
        _app.Draw.Steps = [Right, Left, Left];
        var session = _app.Get<CheckIns>().Challenge(attempts: 3);
        session.Start();

        var early = await session.SubmitAsync(LivenessBurst.Build([PoseSteps.Still, .. PoseSteps.Right1]));
        Assert.Equal(LivenessFailure.TooEarly, early.Failure);

        var answers = new List<ChallengeStepKind>();
        foreach (var frames in new[] { PoseSteps.Right1, PoseSteps.Left1, PoseSteps.Left2 })
        {
            await Task.Delay(session.StepDuration);
            answers.Add((await session.SubmitAsync(LivenessBurst.Build(session.NeedsStill ? [PoseSteps.Still, .. frames] : [.. frames]))).Kind);
        }
        Assert.Equal([ChallengeStepKind.Next, ChallengeStepKind.Next, ChallengeStepKind.Passed], answers);
    }
}
