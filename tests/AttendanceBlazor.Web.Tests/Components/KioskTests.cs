using Microsoft.Extensions.DependencyInjection;
using System.Net;
using AttendanceBlazor.Web.Components.Camera;
using AttendanceBlazor.Web.Components.Kiosk;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.JSInterop;
using MudBlazor;

namespace AttendanceBlazor.Web.Tests.Components;

public sealed class KioskTests : ComponentTestContext
{
    private const string KioskModule = "./Components/Kiosk/Kiosk.razor.js";

    /// <summary>The kiosk's own module (space bar, automatic capture), set up for each test that uses it.</summary>
    private BunitJSModuleInterop KioskKeys { get; set; } = default!;

    /// <summary>A kiosk signed in, with a camera that starts (or not); returns the camera module, whose stills each test sets.</summary>
    private BunitJSModuleInterop Camera(bool ok = true, string? reason = null)
    {
        AddAuthorization().SetAuthorized("front-desk").SetRoles("Kiosk");
        KioskKeys = JSInterop.SetupModule(KioskModule);
        KioskKeys.SetupVoid("listenForSpace", _ => true).SetVoidResult();
        KioskKeys.SetupVoid("watchStillness", _ => true).SetVoidResult();
        KioskKeys.SetupVoid("rearm", _ => true).SetVoidResult();
        KioskKeys.SetupVoid("stop", _ => true).SetVoidResult();
        return CameraModule(JSInterop, ok, reason);
    }

    internal static BunitJSModuleInterop CameraModule(BunitJSInterop js, bool ok = true, string? reason = null)
    {
        var module = js.SetupModule("./Components/Camera/Camera.razor.js");
        module.Setup<CameraStart>("start", _ => true).SetResult(new CameraStart(ok, reason));
        module.SetupVoid("stop", _ => true).SetVoidResult();
        return module;
    }

    /// <summary>The fresh stills the kiosk takes when someone presses Register: three of <paramref name="photo"/>.</summary>
    private static void RegistrationStills(BunitJSModuleInterop module, string photo)
    {
        var bytes = File.ReadAllBytes(TestFaces.PathOf(photo));
        module.Setup<IJSStreamReference?>("captureStills", _ => true).SetResult(new PhotoStreamReference(Application.Liveness.LivenessBurst.Build([bytes, bytes, bytes])));
    }

    private static void Still(BunitJSModuleInterop module, string photo) =>
        module.Setup<IJSStreamReference?>("capture", _ => true)
            .SetResult(new PhotoStreamReference(File.ReadAllBytes(TestFaces.PathOf(photo))));

    [Fact]
    public void ADeniedCameraSaysHowToAllowIt()
    {
        Camera(ok: false, reason: "denied");
        var kiosk = Render<Kiosk>();
        kiosk.WaitForAssertion(() => Assert.Contains("camera is blocked", kiosk.Markup));
        Assert.Equal(KioskState.CameraDenied, kiosk.Instance.State);
    }

    [Fact]
    public void AMissingCameraSaysToConnectOne()
    {
        Camera(ok: false, reason: "absent");
        var kiosk = Render<Kiosk>();
        kiosk.WaitForAssertion(() => Assert.Contains("No camera was found", kiosk.Markup));
    }

    [Fact]
    public async Task AKnownFaceChecksOutAndTheResultCardShowsFaceNameAndTime()
    {
        var api = await App.ApiClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"))).StatusCode);
        App.Time.Advance(TimeSpan.FromHours(8));
        var module = Camera();
        Still(module, "probe/obama.jpg");

        var kiosk = Render<Kiosk>();
        kiosk.WaitForAssertion(() => Assert.Equal(KioskState.Ready, kiosk.Instance.State));
        kiosk.Find("button").Click();

        kiosk.WaitForAssertion(() => Assert.Contains("Goodbye, Barack Obama! You are checked out.", kiosk.Markup), TimeSpan.FromSeconds(20));
        Assert.Contains("2 Mar 2026 16:00", kiosk.Markup);
        Assert.StartsWith("data:image/jpeg;base64,", kiosk.Find("img.kiosk-face").GetAttribute("src"));
    }

    [Fact]
    public async Task ANewFaceIsAskedForANameAndConsentBeforeAnythingIsStored()
    {
        var module = Camera();
        Still(module, "probe/kit_harington.jpg");
        RegistrationStills(module, "probe/kit_harington.jpg");
        var kiosk = Render<Kiosk>();
        kiosk.WaitForAssertion(() => Assert.Equal(KioskState.Ready, kiosk.Instance.State));

        kiosk.Find("button").Click();
        kiosk.WaitForAssertion(() => Assert.Equal(KioskState.NeedsName, kiosk.Instance.State), TimeSpan.FromSeconds(20));
        Assert.Contains("What is your name?", kiosk.Markup);
        var register = kiosk.FindAll("button").Single(b => b.TextContent.Contains("Register"));
        Assert.True(register.HasAttribute("disabled"), "registration must wait for consent");
        await using (var db = App.Db()) Assert.Equal(0, await db.People.CountAsync());

        kiosk.Find("input[type=text]").Input("Kit Harington");
        kiosk.Find("input[type=checkbox]").Change(true);
        kiosk.Find("form").Submit();

        kiosk.WaitForAssertion(() => Assert.Contains("Welcome, Kit Harington! You are registered and checked in.", kiosk.Markup), TimeSpan.FromSeconds(20));
        await using var check = App.Db();
        var person = await check.People.SingleAsync();
        Assert.Equal("1", person.ConsentVersion);
        Assert.NotNull(person.ConsentUtc);
        Assert.Equal("kiosk:front-desk", person.ConsentSource);
    }

    [Fact]
    public void AStillWithoutAFaceSaysSoAndTheKioskResetsItself()
    {
        var module = Camera();
        using var bitmap = new SkiaSharp.SKBitmap(320, 240);
        bitmap.Erase(new SkiaSharp.SKColor(90, 90, 90));
        using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 90);
        module.Setup<IJSStreamReference?>("capture", _ => true).SetResult(new PhotoStreamReference(data.ToArray()));
        var kiosk = Render<Kiosk>();
        kiosk.WaitForAssertion(() => Assert.Equal(KioskState.Ready, kiosk.Instance.State));

        kiosk.Find("button").Click();

        kiosk.WaitForAssertion(() => Assert.Contains("No face found", kiosk.Markup), TimeSpan.FromSeconds(20));
        // KioskResultDuration is 5 s by default; the kiosk goes back to Ready by itself, on the app's clock.
        App.Time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(KioskState.Result, kiosk.Instance.State);
        App.Time.Advance(TimeSpan.FromSeconds(1));
        kiosk.WaitForAssertion(() => Assert.Equal(KioskState.Ready, kiosk.Instance.State));
    }

    [Fact]
    public void APictureTheBrowserNeverHandsOverSaysSoAndTheKioskResetsItself()
    {
        // The JS call timed out (an overloaded node, a frozen tab): Blazor cancels it after its call timeout.
        var module = Camera();
        module.Setup<IJSStreamReference?>("capture", _ => true).SetException(new TaskCanceledException("the JS call timed out"));
        var kiosk = Render<Kiosk>();
        kiosk.WaitForAssertion(() => Assert.Equal(KioskState.Ready, kiosk.Instance.State));

        kiosk.Find("button").Click();

        kiosk.WaitForAssertion(() => Assert.Contains("The camera picture could not be taken", kiosk.Markup), TimeSpan.FromSeconds(20));
        App.Time.Advance(TimeSpan.FromSeconds(5));
        kiosk.WaitForAssertion(() => Assert.Equal(KioskState.Ready, kiosk.Instance.State));
    }

    [Fact]
    public void APressWhileTheCameraGivesNoPictureSaysSoAndTheKioskResetsItself()
    {
        // The camera was unplugged or taken by another app: the video element has no picture to hand over.
        var module = Camera();
        module.Setup<IJSStreamReference?>("capture", _ => true).SetResult(null);
        var kiosk = Render<Kiosk>();
        kiosk.WaitForAssertion(() => Assert.Equal(KioskState.Ready, kiosk.Instance.State));

        kiosk.Find("button").Click();

        kiosk.WaitForAssertion(() => Assert.Contains("The camera picture could not be taken", kiosk.Markup));
        App.Time.Advance(TimeSpan.FromSeconds(5));
        kiosk.WaitForAssertion(() => Assert.Equal(KioskState.Ready, kiosk.Instance.State));
    }

    [Fact]
    public void ACameraThatStopsGivingPicturesDuringTheChallengeEndsItWithAWordInsteadOfLeavingItOnScreen()
    {
        App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AttendanceOptions>>().Value.Liveness = Application.Liveness.LivenessMode.Challenge;
        var module = Camera();
        module.Setup<IJSStreamReference?>("captureBurst", _ => true).SetResult(null);
        var kiosk = Render<Kiosk>();
        kiosk.WaitForAssertion(() => Assert.Equal(KioskState.Ready, kiosk.Instance.State));

        kiosk.Find("button").Click();

        kiosk.WaitForAssertion(() => Assert.Contains("The camera picture could not be taken", kiosk.Markup));
        Assert.DoesNotContain("Turn your head", kiosk.Markup);
        App.Time.Advance(TimeSpan.FromSeconds(5));
        kiosk.WaitForAssertion(() => Assert.Equal(KioskState.Ready, kiosk.Instance.State));
    }

    [Fact]
    public async Task SomeoneWithAPinChecksInWithoutShowingTheirFace()
    {
        var created = await App.Services.GetRequiredService<PinService>().CreateWithPinAsync("Ada Lovelace", "3141", new Actor(null, "hr"));
        Assert.True(created.Succeeded, created.ToString());
        Camera();
        var kiosk = Render<Kiosk>();
        kiosk.WaitForAssertion(() => Assert.Equal(KioskState.Ready, kiosk.Instance.State));

        kiosk.FindAll("button").Single(b => b.TextContent.Trim() == "Use PIN instead").Click();
        kiosk.FindAll("input")[0].Input("Ada Lovelace");
        kiosk.FindAll("input")[1].Input("3141");
        kiosk.Find("form[aria-labelledby=pin-form-title]").Submit();

        kiosk.WaitForAssertion(() => Assert.Contains("Welcome, Ada Lovelace! You are checked in.", kiosk.Markup));
        await using var db = App.Db();
        var record = await db.AttendanceRecords.SingleAsync();
        Assert.Equal(Data.Entities.AttendanceSource.Pin, record.Source);
        Assert.Empty(await db.FaceTemplates.ToListAsync());
    }

    [Fact]
    public async Task AWrongPinAtTheKioskSaysSoWithoutSayingWhichPartAndKeepsTheNameForTheNextTry()
    {
        await App.Services.GetRequiredService<PinService>().CreateWithPinAsync("Ada Lovelace", "3141", new Actor(null, "hr"));
        Camera();
        var kiosk = Render<Kiosk>();
        kiosk.WaitForAssertion(() => Assert.Equal(KioskState.Ready, kiosk.Instance.State));

        kiosk.FindAll("button").Single(b => b.TextContent.Trim() == "Use PIN instead").Click();
        kiosk.FindAll("input")[0].Input("Ada Lovelace");
        kiosk.FindAll("input")[1].Input("9999");
        kiosk.Find("form[aria-labelledby=pin-form-title]").Submit();

        // The form again, the answer in it, the name as typed and the PIN field empty.
        kiosk.WaitForAssertion(() => Assert.Contains("Name or PIN not recognised", kiosk.Find("[data-testid=pin-problem]").TextContent));
        Assert.Equal(KioskState.Pin, kiosk.Instance.State);
        Assert.Equal("Ada Lovelace", kiosk.FindAll("input")[0].GetAttribute("value"));
        Assert.True(string.IsNullOrEmpty(kiosk.FindAll("input")[1].GetAttribute("value")));
        await using (var db = App.Db()) Assert.Empty(await db.AttendanceRecords.ToListAsync());

        // Only the PIN typed again.
        kiosk.FindAll("input")[1].Input("3141");
        kiosk.Find("form[aria-labelledby=pin-form-title]").Submit();
        kiosk.WaitForAssertion(() => Assert.Contains("Welcome, Ada Lovelace! You are checked in.", kiosk.Markup));
    }

    [Fact]
    public void ADarkStillAsksForLightNotForAFace()
    {
        var module = Camera();
        var photo = File.ReadAllBytes(TestFaces.PathOf("enroll/obama/1.jpg"));
        module.Setup<IJSStreamReference?>("capture", _ => true).SetResult(new PhotoStreamReference(TestImages.Darkened(photo, 0.1f)));
        var kiosk = Render<Kiosk>();
        kiosk.WaitForAssertion(() => Assert.Equal(KioskState.Ready, kiosk.Instance.State));

        kiosk.Find("button").Click();

        kiosk.WaitForAssertion(() => Assert.Contains("Too dark to see your face", kiosk.Markup), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task WithAutomaticCaptureAPersonWhoHoldsStillIsCheckedInWithoutPressingAnything()
    {
        App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AttendanceOptions>>().Value.KioskAutoCapture = true;
        var api = await App.ApiClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"))).StatusCode);
        App.Time.Advance(TimeSpan.FromHours(8));
        var module = Camera();
        Still(module, "probe/obama.jpg");
        var kiosk = Render<Kiosk>();
        kiosk.WaitForAssertion(() => Assert.Equal(KioskState.Ready, kiosk.Instance.State));
        KioskKeys.VerifyInvoke("watchStillness");

        // What the camera module calls when the picture changed and then held still for a second.
        await kiosk.InvokeAsync(() => kiosk.Instance.OnHeldStill());

        kiosk.WaitForAssertion(() => Assert.Contains("Goodbye, Barack Obama! You are checked out.", kiosk.Markup));
    }

    [Fact]
    public async Task AnAutomaticCaptureWithoutAFaceGoesBackToReadyQuietlyAndWatchesAgain()
    {
        App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AttendanceOptions>>().Value.KioskAutoCapture = true;
        var module = Camera();
        using var bitmap = new SkiaSharp.SKBitmap(320, 240);
        bitmap.Erase(new SkiaSharp.SKColor(90, 90, 90));
        using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 90);
        module.Setup<IJSStreamReference?>("capture", _ => true).SetResult(new PhotoStreamReference(data.ToArray()));
        var kiosk = Render<Kiosk>();
        kiosk.WaitForAssertion(() => Assert.Equal(KioskState.Ready, kiosk.Instance.State));

        await kiosk.InvokeAsync(() => kiosk.Instance.OnHeldStill());

        kiosk.WaitForAssertion(() => KioskKeys.VerifyInvoke("rearm"));
        Assert.Equal(KioskState.Ready, kiosk.Instance.State);
        Assert.DoesNotContain("No face found", kiosk.Markup);
        await using var db = App.Db();
        Assert.Empty(await db.AttendanceRecords.ToListAsync());
    }

    [Fact]
    public async Task ARecognitionFailureShowsAnApologyAndTheSameCircuitWorksAfterwards()
    {
        var api = await App.ApiClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"))).StatusCode);
        App.Time.Advance(TimeSpan.FromHours(8));
        var module = Camera();
        Still(module, "probe/obama.jpg");
        var kiosk = Render<Kiosk>();
        kiosk.WaitForAssertion(() => Assert.Equal(KioskState.Ready, kiosk.Instance.State));
        App.RecognitionFailures.FailNext = true;

        kiosk.Find("button").Click();
        kiosk.WaitForAssertion(() => Assert.Contains("Something went wrong on our side; nothing was recorded", kiosk.Markup));
        App.Time.Advance(TimeSpan.FromSeconds(5));
        kiosk.WaitForAssertion(() => Assert.Equal(KioskState.Ready, kiosk.Instance.State));
        kiosk.Find("button").Click();

        kiosk.WaitForAssertion(() => Assert.Contains("Goodbye, Barack Obama! You are checked out.", kiosk.Markup));
    }

    public static TheoryData<string> BadStills() => ["zero-bytes", "truncated-jpeg", "html", "png-60000x60000", "one-pixel", "animated-gif-no-face", "over-the-size-cap"];

    [Theory]
    [MemberData(nameof(BadStills))]
    public async Task ABadStillOverTheCircuitGetsAMessageWritesNothingAndTheCircuitLives(string kind)
    {
        var face = File.ReadAllBytes(TestFaces.PathOf("edge/obama_small.jpg"));
        byte[] still = kind switch
        {
            "zero-bytes" => [],
            "truncated-jpeg" => face[..(face.Length / 2)],
            "html" => "<!doctype html><html><body><img src=x onerror=alert(1)></body></html>"u8.ToArray(),
            "png-60000x60000" => TestImages.PngHeaderOnly(60000, 60000),
            "one-pixel" => TestImages.Png(1, 1, 2, 8, (_, _, _) => 200),
            "animated-gif-no-face" => TestImages.TwoFrameGif(),
            _ => new byte[21 * 1024 * 1024],
        };
        var module = Camera();
        module.Setup<IJSStreamReference?>("capture", _ => true).SetResult(new PhotoStreamReference(still));
        var kiosk = Render<Kiosk>();
        kiosk.WaitForAssertion(() => Assert.Equal(KioskState.Ready, kiosk.Instance.State));

        kiosk.Find("button").Click();

        kiosk.WaitForAssertion(() => Assert.Equal(KioskState.Result, kiosk.Instance.State));
        var message = kiosk.Find(".kiosk-result").TextContent.Trim();
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.DoesNotContain("Something went wrong", message);
        await using var db = App.Db();
        Assert.Empty(await db.People.ToListAsync());
        Assert.Empty(await db.AttendanceRecords.ToListAsync());
    }
}

/// <summary>The kiosk while the database is locked by another writer for longer than the command timeout.</summary>
public sealed class KioskBusyDatabaseTests : ComponentTestContext
{
    protected override void ConfigureApp(Dictionary<string, string?> settings) => settings["Database:CommandTimeoutSeconds"] = "1";

    [Fact]
    public async Task ALockedDatabaseSaysTheSystemIsBusyWritesNothingAndTheNextTryWorks()
    {
        var api = await App.ApiClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"))).StatusCode);
        App.Time.Advance(TimeSpan.FromHours(8));
        AddAuthorization().SetAuthorized("front-desk").SetRoles("Kiosk");
        JSInterop.SetupModule("./Components/Kiosk/Kiosk.razor.js").SetupVoid("listenForSpace", _ => true).SetVoidResult();
        var module = KioskTests.CameraModule(JSInterop);
        module.Setup<IJSStreamReference?>("capture", _ => true)
            .SetResult(new PhotoStreamReference(File.ReadAllBytes(TestFaces.PathOf("probe/obama.jpg"))));
        var kiosk = Render<Kiosk>();
        kiosk.WaitForAssertion(() => Assert.Equal(KioskState.Ready, kiosk.Instance.State));

        await using (var blocker = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={App.DatabasePath}"))
        {
            await blocker.OpenAsync();
            await using (var begin = blocker.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE;";
                await begin.ExecuteNonQueryAsync();
            }
            kiosk.Find("button").Click();
            kiosk.WaitForAssertion(() => Assert.Contains("The system is busy right now; nothing was recorded", kiosk.Markup), TimeSpan.FromSeconds(60));
            await using var rollback = blocker.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }

        await using (var db = App.Db()) Assert.Null((await db.AttendanceRecords.SingleAsync()).CheckOutUtc);
        App.Time.Advance(TimeSpan.FromSeconds(5));
        kiosk.WaitForAssertion(() => Assert.Equal(KioskState.Ready, kiosk.Instance.State));
        kiosk.Find("button").Click();
        kiosk.WaitForAssertion(() => Assert.Contains("Goodbye, Barack Obama! You are checked out.", kiosk.Markup));
    }
}
