using AttendanceBlazor.Web.Components.Camera;
using AttendanceBlazor.Web.Components.Kiosk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Web.Tests.Components;

/// <summary>The kiosk's state machine driven directly, without a browser or a page: real stills, real services, the app's clock.</summary>
public sealed class KioskControllerTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private KioskController _kiosk = default!;

    public async Task InitializeAsync()
    {
        _ = _app.Services; // starts the app: models, database, gallery
        _kiosk = new KioskController(_app.Services.GetRequiredService<AttendanceService>(), _app.Services.GetRequiredService<Application.Liveness.LivenessService>(),
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
        await _app.Services.GetRequiredService<AttendanceService>().AnalyzeAsync(Photo("probe/kit_harington.jpg"));
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

    public async Task DisposeAsync()
    {
        _kiosk.Dispose();
        await _app.DisposeAsync();
    }
}
