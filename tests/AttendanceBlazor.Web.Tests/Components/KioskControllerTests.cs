using AttendanceBlazor.Web.Components.Camera;
using AttendanceBlazor.Web.Components.Kiosk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using AttendanceBlazor.Data.Entities;

namespace AttendanceBlazor.Web.Tests.Components;

/// <summary>The kiosk's state machine driven directly, without a browser or a page: real stills, real services, the app's clock.</summary>
public sealed class KioskControllerTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private KioskController _kiosk = default!;

    public async Task InitializeAsync()
    {
        _ = _app.Services; // starts the app: models, database, gallery
        _kiosk = new KioskController(_app.Services.GetRequiredService<CheckIns>(),
            _app.Services.GetRequiredService<IOptions<AttendanceOptions>>().Value, _app.Time, NullLogger.Instance) { Device = "kiosk:lobby" };
        _kiosk.CameraStarted(new CameraStart(true, null));
        await Task.CompletedTask;
    }

    private static byte[] Photo(string name) => File.ReadAllBytes(TestFaces.PathOf(name));

    [Fact]
    public async Task AnUnknownFaceIsKeptFromTheFirstCaptureAndRegisteredWithoutAnalysingTheStillAgain()
    {
        await _kiosk.SubmitStillAsync(Photo("probe/kit_harington.jpg"));
        Assert.Equal(KioskState.NeedsName, _kiosk.State);
        Assert.NotNull(_kiosk.PendingFace);
        Assert.NotEmpty(_kiosk.PendingFace.Thumbnail);
        // What one analysis costs the embedder (twice per face with mirrored descriptors).
        var before = _app.RecognitionFailures.Calls;
        await _app.Services.GetRequiredService<Application.Faces.StillAnalyzer>().AnalyzeAsync(Photo("probe/kit_harington.jpg"));
        var perStill = _app.RecognitionFailures.Calls - before;
        var analyses = _app.RecognitionFailures.Calls;

        await _kiosk.RegisterAsync("Kit Harington", consent: true, [Photo("probe/kit_harington.jpg")]);

        Assert.Equal(KioskState.Result, _kiosk.State);
        Assert.Equal((CheckOutcome.Registered, "Kit Harington"), (_kiosk.Result!.Outcome, _kiosk.Result.Name));
        // The pending face is not analysed again; only the fresh still taken at the press of the button is.
        Assert.Equal(analyses + perStill, _app.RecognitionFailures.Calls);
        Assert.Null(_kiosk.PendingFace);
        await using var db = _app.Db();
        var person = await db.People.Include(p => p.Records).SingleAsync();
        Assert.Equal("kiosk:lobby", Assert.Single(person.Records).Device);
    }

    [Fact]
    public async Task WithoutConsentOrWithABadNameNothingIsRegisteredAndTheQuestionStays()
    {
        await _kiosk.SubmitStillAsync(Photo("probe/kit_harington.jpg"));

        await _kiosk.RegisterAsync("Kit Harington", consent: false, [Photo("probe/kit_harington.jpg")]);
        Assert.Equal(KioskState.NeedsName, _kiosk.State);
        await _kiosk.RegisterAsync("Kit\u0007Harington", consent: true, [Photo("probe/kit_harington.jpg")]);
        Assert.Equal((KioskState.NeedsName, NameProblemKind.ForbiddenCharacters), (_kiosk.State, _kiosk.NameProblem!.Kind));

        await using var db = _app.Db();
        Assert.False(await db.People.AnyAsync());
    }

    [Fact]
    public async Task AResultGoesBackToReadyAfterTheConfiguredTimeOnTheAppsClock()
    {
        var blank = TestImages.Darkened(Photo("enroll/obama/1.jpg"), 0.05f);
        await _kiosk.SubmitStillAsync(blank);
        Assert.Equal((KioskState.Result, CheckOutcome.TooDark), (_kiosk.State, _kiosk.Result!.Outcome));
        var resets = 0;
        _kiosk.Reset += () => { resets++; return Task.CompletedTask; };

        _app.Time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(KioskState.Result, _kiosk.State);
        _app.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal((KioskState.Ready, 1), (_kiosk.State, resets));
        Assert.Null(_kiosk.Result);
    }

    [Fact]
    public async Task AnAutomaticCaptureOfNobodyGoesBackToReadyWithoutAWord()
    {
        await _kiosk.SubmitStillAsync(TestImages.Darkened(Photo("enroll/obama/1.jpg"), 0.05f), automatic: true);
        Assert.Equal(KioskState.Ready, _kiosk.State);
        Assert.Null(_kiosk.Result);
    }

    [Fact]
    public async Task ThePinPathChecksInAndCancelForgetsEverything()
    {
        Assert.True((await _app.Services.GetRequiredService<PinService>().CreateWithPinAsync("Ada Lovelace", "3141", Actor.System)).Succeeded);
        _kiosk.StartPin();
        Assert.Equal(KioskState.Pin, _kiosk.State);
        await _kiosk.SubmitPinAsync("ada lovelace", "3141");
        Assert.Equal((CheckOutcome.CheckedIn, "Ada Lovelace"), (_kiosk.Result!.Outcome, _kiosk.Result.Name));

        _kiosk.Cancel();
        Assert.Equal(KioskState.Ready, _kiosk.State);
        await _kiosk.SubmitPinAsync("ada lovelace", "3141");
        Assert.Equal(KioskState.Ready, _kiosk.State); // a PIN outside the PIN screen is ignored
    }

    [Fact]
    public async Task SomeoneLingeringInFrontOfAnAutoCapturingKioskIsNotCheckedOutAndInAgain()
    {
        // Security review finding 25: the default duplicate window is a minute; a lingering person is seen again after it.
        await _kiosk.SubmitStillAsync(Photo("probe/kit_harington.jpg"));
        await _kiosk.RegisterAsync("Kit Harington", consent: true, [Photo("probe/kit_harington.jpg")]);
        Assert.Equal(CheckOutcome.Registered, _kiosk.Result!.Outcome);

        _app.Time.Advance(TimeSpan.FromMinutes(3));
        _kiosk.Cancel();
        await _kiosk.SubmitStillAsync(Photo("probe/kit_harington.jpg"), automatic: true);
        Assert.Equal((CheckOutcome.Duplicate, true), (_kiosk.Result!.Outcome, _kiosk.Result.IsIn));

        // A press of the button is a decision: the same face, at the same minute, checks out.
        _kiosk.Cancel();
        await _kiosk.SubmitStillAsync(Photo("probe/kit_harington.jpg"), automatic: false);
        Assert.Equal(CheckOutcome.CheckedOut, _kiosk.Result!.Outcome);

        // And past the repeat window (ten minutes by default) the automatic capture acts again.
        _app.Time.Advance(TimeSpan.FromMinutes(11));
        _kiosk.Cancel();
        await _kiosk.SubmitStillAsync(Photo("probe/kit_harington.jpg"), automatic: true);
        Assert.Equal(CheckOutcome.CheckedIn, _kiosk.Result!.Outcome);
        await using var db = _app.Db();
        Assert.Equal(2, await db.AttendanceRecords.CountAsync());
    }

    public async Task DisposeAsync()
    {
        _kiosk.Dispose();
        await _app.DisposeAsync();
    }
}

/// <summary>The kiosk's questions, its timeouts and its liveness challenge, driven without a browser.</summary>
public sealed class KioskTrustTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private KioskController _kiosk = default!;

    public KioskTrustTests()
    {
        _app.Settings["Attendance:Liveness"] = "Challenge";
    }

    public async Task InitializeAsync()
    {
        _kiosk = new KioskController(_app.Services.GetRequiredService<CheckIns>(),
            _app.Services.GetRequiredService<IOptions<AttendanceOptions>>().Value, _app.Time, NullLogger.Instance) { Device = "kiosk:lobby" };
        _kiosk.CameraStarted(new CameraStart(true, null));
        await Task.CompletedTask;
    }

    private static byte[] Photo(string name) => File.ReadAllBytes(TestFaces.PathOf(name));

    /// <summary>A step's frames as the camera page sends them once the step's time is up (the first step with the still).</summary>
    private async Task StepAsync(byte[] still, IReadOnlyList<byte[]> frames)
    {
        var session = _kiosk.Session!;
        _app.Time.Advance(session.StepDuration);
        await _kiosk.SubmitBurstAsync(Application.Liveness.LivenessBurst.Build(session.NeedsStill ? [still, .. frames] : [.. frames]));
    }

    [Fact]
    public async Task RealHeadTurnsMeetEveryStepAndAnUnknownFaceIsAskedForItsName()
    {
        _app.Challenges.Steps = [Application.Liveness.HeadTurn.Right, Application.Liveness.HeadTurn.Left, Application.Liveness.HeadTurn.Left];

        Assert.True(_kiosk.Begin());
        Assert.Equal((KioskState.Challenge, Application.Liveness.HeadTurn.Right, 1), (_kiosk.State, _kiosk.Session!.Current, _kiosk.Session.StepNumber));
        await StepAsync(PoseSteps.Still, PoseSteps.Right1);
        Assert.Equal((KioskState.Challenge, Application.Liveness.HeadTurn.Left, 2), (_kiosk.State, _kiosk.Session.Current, _kiosk.Session.StepNumber));
        await StepAsync(PoseSteps.Still, PoseSteps.Left1);
        await StepAsync(PoseSteps.Still, PoseSteps.Left2);

        Assert.Equal(KioskState.NeedsName, _kiosk.State);
        Assert.NotNull(_kiosk.PendingFace);
    }

    [Fact]
    public async Task APhotoFailsThreeTriesThenThePinIsOfferedAndHrsListShowsIt()
    {
        var photo = Photo("enroll/obama/1.jpg");
        var frames = PictureAttack.Frames(photo, PictureMotion.Turned, 24);
        Assert.True(_kiosk.Begin());

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal((KioskState.Challenge, attempt), (_kiosk.State, _kiosk.Session!.Attempt));
            await StepAsync(photo, frames);
        }

        Assert.Equal((KioskState.Result, KioskNotice.NotLive), (_kiosk.State, _kiosk.Notice));
        await using var db = _app.Db();
        var item = await db.ReviewItems.SingleAsync();
        Assert.Equal((ReviewKind.LivenessFailed, "kiosk:lobby"), (item.Kind, item.Device));
        Assert.Null(item.PendingDescriptors);
        Assert.Empty(await db.AttendanceRecords.ToListAsync());
    }

    [Fact]
    public async Task ARecordingThatPassedOnceIsRefusedTheSecondTimeAndHrsListSaysItWasARecording()
    {
        async Task PressAsync()
        {
            Assert.True(_kiosk.Begin());
            await StepAsync(PoseSteps.Still, PoseSteps.Right1);
            await StepAsync(PoseSteps.Still, PoseSteps.Left1);
            await StepAsync(PoseSteps.Still, PoseSteps.Left2);
        }
        await PressAsync();
        Assert.Equal(KioskState.NeedsName, _kiosk.State);
        await _kiosk.RegisterAsync("Adam Turner", consent: true, [PoseSteps.Still]);
        Assert.Equal(CheckOutcome.Registered, _kiosk.Result!.Outcome);
        _kiosk.Cancel();
        _app.Time.Advance(TimeSpan.FromHours(8));

        await PressAsync();

        Assert.Equal((KioskState.Result, KioskNotice.NotLive), (_kiosk.State, _kiosk.Notice));
        await using var db = _app.Db();
        Assert.Equal(ReviewKind.LivenessReplayed, (await db.ReviewItems.SingleAsync()).Kind);
        Assert.Null((await db.AttendanceRecords.SingleAsync()).CheckOutUtc);
        // The first press's frames are the registered man's: they go with him.
        var adam = await db.People.SingleAsync();
        Assert.True(await db.SeenFrames.AllAsync(f => f.PersonId == adam.Id));
    }

    private async Task RegisterAlexAsync()
    {
        var api = await _app.ApiClientAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/alex_lacamoire/1.jpg", "Alex Lacamoire"))).StatusCode);
        _app.Time.Advance(TimeSpan.FromHours(1));
        _app.Services.GetRequiredService<IOptions<AttendanceOptions>>().Value.Liveness = Application.Liveness.LivenessMode.Off;
    }

    [Fact]
    public async Task ADoubtfulFaceIsAskedAndYesRecordsTheEventForTheCandidate()
    {
        await RegisterAlexAsync();

        await _kiosk.SubmitStillAsync(Photo("probe/alex_lacamoire_2.png"));
        // The short form of his name, never the full name (the question carries no face at all).
        Assert.Equal((KioskState.Confirm, "Alex L."), (_kiosk.State, _kiosk.Doubt!.KioskName));
        await _kiosk.AnswerAsync(itIsMe: true);

        Assert.Equal((CheckOutcome.CheckedOut, "Alex Lacamoire"), (_kiosk.Result!.Outcome, _kiosk.Result.Name));
        await using var db = _app.Db();
        Assert.NotNull((await db.AttendanceRecords.SingleAsync()).CheckOutUtc);
        Assert.Equal(ReviewKind.DoubtfulConfirmed, (await db.ReviewItems.SingleAsync()).Kind);
    }

    [Fact]
    public async Task ADoubtfulFaceAnsweredNoRecordsNothingGoesOnAsANewFaceAndHrHearsOfIt()
    {
        await RegisterAlexAsync();

        await _kiosk.SubmitStillAsync(Photo("probe/alex_lacamoire_2.png"));
        await _kiosk.AnswerAsync(itIsMe: false);

        Assert.Equal(KioskState.NeedsName, _kiosk.State);
        await using (var db = _app.Db())
        {
            Assert.Null((await db.AttendanceRecords.SingleAsync()).CheckOutUtc);
            var item = await db.ReviewItems.SingleAsync();
            Assert.Equal(ReviewKind.DoubtfulDeclined, item.Kind);
            Assert.Null(item.PendingDescriptors);
            Assert.Null(item.PendingThumbnail);
        }
        // The new face is close to Alex: registering it is held for HR, not done silently.
        await _kiosk.RegisterAsync("Alexandra Lacamoire", consent: true, [Photo("probe/alex_lacamoire_2.png")]);
        Assert.Equal(CheckOutcome.Lookalike, _kiosk.Result!.Outcome);
    }

    [Fact]
    public async Task AQuestionNobodyAnswersStaysOnHrsListWithTheKioskAndTheCandidate()
    {
        await RegisterAlexAsync();

        await _kiosk.SubmitStillAsync(Photo("probe/alex_lacamoire_2.png"));
        Assert.Equal(KioskState.Confirm, _kiosk.State);
        _kiosk.Cancel(); // the stranger walks away

        await using var db = _app.Db();
        var item = await db.ReviewItems.SingleAsync();
        var alex = await db.People.SingleAsync();
        Assert.Equal((ReviewKind.DoubtfulAsked, "kiosk:lobby", alex.Id, ReviewState.Open), (item.Kind, item.Device, item.CandidatePersonId, item.State));
        Assert.Null(item.PendingThumbnail);
    }

    [Fact]
    public async Task AKioskAsksOnlyItsHoursShareOfQuestionsThenPointsToThePin()
    {
        await RegisterAlexAsync();
        _app.Services.GetRequiredService<IOptions<AttendanceOptions>>().Value.DoubtfulQuestionsPerKioskPerHour = 2;

        for (var i = 0; i < 2; i++)
        {
            await _kiosk.SubmitStillAsync(Photo("probe/alex_lacamoire_2.png"));
            Assert.Equal(KioskState.Confirm, _kiosk.State);
            _kiosk.Cancel();
            _app.Time.Advance(TimeSpan.FromMinutes(1));
        }
        await _kiosk.SubmitStillAsync(Photo("probe/alex_lacamoire_2.png"));
        Assert.Equal((KioskState.Result, KioskNotice.NoMoreQuestions), (_kiosk.State, _kiosk.Notice));
        Assert.Null(_kiosk.Doubt);
        await using (var db = _app.Db()) Assert.Equal(2, await db.ReviewItems.CountAsync());

        // Another kiosk is not held back by this one, and this one may ask again once the hour has passed.
        _kiosk.Cancel();
        _app.Time.Advance(TimeSpan.FromMinutes(59));
        await _kiosk.SubmitStillAsync(Photo("probe/alex_lacamoire_2.png"));
        Assert.Equal(KioskState.Confirm, _kiosk.State);
    }

    [Fact]
    public async Task TheKioskAsksWithTheNameHrSetAndTheChangeIsAudited()
    {
        await RegisterAlexAsync();
        int alex;
        await using (var db = _app.Db()) alex = (await db.People.SingleAsync()).Id;
        var people = _app.Services.GetRequiredService<PeopleService>();

        var set = await people.SetKioskNameAsync(alex, "  Lex  ", new Actor(null, "hr@example.com"));
        var tooLong = await people.SetKioskNameAsync(alex, new string('x', PeopleService.MaxKioskName + 1), new Actor(null, "hr@example.com"));

        Assert.Equal((Outcome.KioskNameSet, "Lex"), (set.Outcome, set.OtherName));
        Assert.Equal(Outcome.BadName, tooLong.Outcome);
        await _kiosk.SubmitStillAsync(Photo("probe/alex_lacamoire_2.png"));
        Assert.Equal("Lex", _kiosk.Doubt!.KioskName);
        await using (var db = _app.Db())
        {
            var audit = await db.AuditEntries.SingleAsync(a => a.Action == Application.Audit.AuditActions.SetKioskName);
            Assert.Equal("hr@example.com", audit.UserName);
        }
        // Cleared, the short form of the name again.
        Assert.Equal("Alex L.", (await people.SetKioskNameAsync(alex, "", new Actor(null, "hr@example.com"))).OtherName);
    }

    [Fact]
    public async Task TheNameQuestionTimesOutAndForgetsTheFace()
    {
        _app.Services.GetRequiredService<IOptions<AttendanceOptions>>().Value.Liveness = Application.Liveness.LivenessMode.Off;
        await _kiosk.SubmitStillAsync(Photo("probe/kit_harington.jpg"));
        Assert.Equal(KioskState.NeedsName, _kiosk.State);

        _app.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(KioskState.NeedsName, _kiosk.State);
        _app.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(KioskState.Ready, _kiosk.State);
        Assert.Null(_kiosk.PendingFace);
    }

    [Fact]
    public async Task ADifferentFaceAtTheRegistrationsSubmitRegistersNobody()
    {
        _app.Services.GetRequiredService<IOptions<AttendanceOptions>>().Value.Liveness = Application.Liveness.LivenessMode.Off;
        await _kiosk.SubmitStillAsync(Photo("probe/kit_harington.jpg"));

        // Kit walked away; Rose types her name and ticks the consent.
        await _kiosk.RegisterAsync("Rose Leslie", consent: true, [Photo("enroll/rose_leslie/1.jpg"), Photo("enroll/rose_leslie/2.jpg")]);

        Assert.Equal((KioskState.Result, KioskNotice.DifferentFace), (_kiosk.State, _kiosk.Notice));
        await using var db = _app.Db();
        Assert.False(await db.People.AnyAsync());
    }

    public async Task DisposeAsync()
    {
        _kiosk.Dispose();
        await _app.DisposeAsync();
    }
}
