using AttendanceBlazor.Application.Liveness;
using System.Net.Http.Headers;
using AttendanceBlazor.Application.Accounts;
using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Application.People;
using Microsoft.AspNetCore.Identity;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AttendanceBlazor.EndToEnd.Tests;

/// <summary>
/// Liveness on, a clock that runs (a step's frames must take the step's time), and a camera the test plays real head
/// turns into (<see cref="ScriptedCamera"/>).
/// </summary>
public sealed class RealTurnBrowserApp : BrowserApp
{
    protected override string Liveness => "Challenge";

    protected override bool RealClock => true;
}

/// <summary>Liveness on, and a camera that films a printed photo slid, rotated and turned in front of it.</summary>
public sealed class PhotoAttackBrowserApp : BrowserApp
{
    protected override string Liveness => "Challenge";

    protected override bool RealClock => true;

    protected override string[] CameraArguments(string output)
    {
        const string s = "sin(2*PI*in/30)";
        return ["-loglevel", "error", "-y", "-loop", "1", "-i", TestFaces.PathOf("enroll/obama/1.jpg"), "-t", "3", "-r", "10",
            "-vf", $"scale=640:-2,perspective=x0=0:y0='60*max(0\\,{s})':x1=W:y1='60*max(0\\,-{s})':x2=0:y2='H-60*max(0\\,{s})':x3=W:y3='H-60*max(0\\,-{s})':eval=frame," +
                   "rotate='0.15*sin(2*PI*t/3)':fillcolor=gray,crop=iw*0.9:ih*0.9,scale=640:-2,format=yuv420p", output];
    }
}

/// <summary>The camera shows Alex Lacamoire's hardest still: 0.53 from his registration, a doubtful match.</summary>
public sealed class DoubtfulBrowserApp : BrowserApp
{
    protected override string CameraPhoto => "probe/alex_lacamoire_2.png";
}

/// <summary>The camera shows one stranger for 4 s, then another: who stands at the kiosk changes while it asks for a name.</summary>
public sealed class SwapBrowserApp : BrowserApp
{
    protected override string[] CameraArguments(string output) =>
        ["-loglevel", "error", "-y",
         "-loop", "1", "-t", "4", "-r", "10", "-i", TestFaces.PathOf("probe/unknown_lin_manuel_miranda.png"),
         "-loop", "1", "-t", "30", "-r", "10", "-i", TestFaces.PathOf("enroll/rose_leslie/1.jpg"),
         "-filter_complex", "[0:v]scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2,setsar=1[a];[1:v]scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2,setsar=1[b];[a][b]concat=n=2:v=1[v]",
         "-map", "[v]", "-pix_fmt", "yuv420p", output];
}

internal static class Kiosks
{
    public static async Task<(IPage Page, KioskPage Kiosk)> OpenAsync(BrowserApp app, Func<IPage, Task>? prepare = null)
    {
        var page = await app.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        if (prepare is not null) await prepare(page);
        await new LoginPage(page, app.BaseUrl).LogInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);
        var kiosk = new KioskPage(page, app.BaseUrl);
        await kiosk.OpenAsync();
        return (page, kiosk);
    }

    public static async Task<T> DbAsync<T>(BrowserApp app, Func<AttendanceDbContext, Task<T>> query)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AttendanceDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    /// <summary>An Employee account linked to the registered person of that name; returns the account's id.</summary>
    public static async Task<string> EmployeeOfAsync(BrowserApp app, string email, string password, string name)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Employee)).Succeeded);
        var id = await DbAsync(app, db => db.People.Where(p => p.DisplayName == name).Select(p => p.Id).SingleAsync());
        Assert.True((await scope.ServiceProvider.GetRequiredService<PeopleService>().LinkAccountAsync(id, user.Id, Actor.System)).Succeeded);
        return user.Id;
    }

    /// <summary>A check-in or out through the REST API, as a device would send it.</summary>
    public static Task CheckThroughApiAsync(BrowserApp app, string photo) => RegisterThroughApiAsync(app, photo, null);

    public static async Task RegisterThroughApiAsync(BrowserApp app, string photo, string? name)
    {
        string key;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AttendanceDbContext>>().CreateDbContextAsync())
        {
            (_, key) = await DeviceKeys.CreateAsync(db, $"setup-{Guid.NewGuid():N}"[..14], DeviceScopes.CheckIn, app.Time.GetUtcNow().UtcDateTime);
        }
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        using var form = new MultipartFormDataContent();
        var image = new ByteArrayContent(File.ReadAllBytes(TestFaces.PathOf(photo)));
        image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(image, "image", Path.GetFileName(photo));
        if (name is not null) form.Add(new StringContent(name), "name");
        (await http.PostAsync("/check_in_or_out", form)).EnsureSuccessStatusCode();
    }
}

/// <summary>The steps of a challenge answered in the browser, each as it appears on screen.</summary>
internal static class Steps
{
    public const double FirstRecordingFps = 12.5;
    public const double SecondRecordingFps = 25;

    /// <summary>Plays each clip once its step is on screen (its countdown running), in order.</summary>
    public static async Task AnswerAsync(IPage page, ScriptedCamera camera, params (IReadOnlyList<byte[]> Frames, double Fps)[] steps)
    {
        for (var i = 0; i < steps.Length; i++)
        {
            await Assertions.Expect(page.GetByText($"Step {i + 1} of {steps.Length}")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(page.Locator(".challenge-countdown")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await camera.PlayAsync(steps[i].Frames, steps[i].Fps);
        }
    }

    public static IReadOnlyList<byte[]> Reversed(IReadOnlyList<byte[]> frames) => frames.Reverse().ToList();
}

/// <summary>
/// The tests that play real head turns into a challenge judged on the server's clock run alone, after the others: a
/// step's frames must arrive within its seconds, and on a 2-core machine a second browser test alongside (a server,
/// a Chromium, recognition) can starve the one whose frames are being timed. A person's own phone or kiosk does not
/// share its cores with another test run; what they meet is tested here, uncontended.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealTimeLivenessCollection
{
    public const string Name = "real-time liveness";
}

[Collection(RealTimeLivenessCollection.Name)]
public sealed class RealTurnTests(RealTurnBrowserApp app) : IClassFixture<RealTurnBrowserApp>
{
    [Fact]
    public async Task RealTurnsPassTheirStepsOnceAndTheSameRecordingReplayedReversedOrReorderedFails()
    {
        ScriptedCamera camera = null!;
        var (page, kiosk) = await Kiosks.OpenAsync(app, async p => camera = await ScriptedCamera.InstallAsync(p, PoseSteps.Still));
        var (right, left, otherLeft) = ((PoseSteps.Right1, Steps.FirstRecordingFps), (PoseSteps.Left1, Steps.FirstRecordingFps), (PoseSteps.Left2, Steps.SecondRecordingFps));

        // A man turning his head as each step asks: the face is new, so the kiosk asks for his name.
        app.Challenges.Steps = [HeadTurn.Right, HeadTurn.Left, HeadTurn.Left];
        await kiosk.PressCheckAsync();
        await Assertions.Expect(page.GetByText("Turn your head to your right, then back.")).ToBeVisibleAsync();
        await Steps.AnswerAsync(page, camera, right, left, otherLeft);
        await Assertions.Expect(page.GetByText("What is your name?")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await kiosk.RegisterAsync("Adam Turner");
        await Assertions.Expect(kiosk.ResultMessage("Welcome, Adam Turner! You are registered and checked in.")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // The same recording played again, then played backwards, then in another order for another draw: each time
        // every step is met, and each time the frames were seen before.
        var replays = new (HeadTurn[] Draw, (IReadOnlyList<byte[]>, double)[] Clips)[]
        {
            ([HeadTurn.Right, HeadTurn.Left, HeadTurn.Left], [right, left, otherLeft]),
            ([HeadTurn.Right, HeadTurn.Left, HeadTurn.Left],
                [(Steps.Reversed(PoseSteps.Right1), Steps.FirstRecordingFps), (Steps.Reversed(PoseSteps.Left1), Steps.FirstRecordingFps), (Steps.Reversed(PoseSteps.Left2), Steps.SecondRecordingFps)]),
            ([HeadTurn.Left, HeadTurn.Right, HeadTurn.Left], [otherLeft, right, left]),
        };
        foreach (var (draw, clips) in replays)
        {
            await kiosk.ResetAsync();
            app.Challenges.Steps = draw;
            await kiosk.PressCheckAsync();
            await Steps.AnswerAsync(page, camera, clips);
            await Assertions.Expect(page.GetByText("We could not see the movement we asked for")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        }

        // Nothing but the first press recorded; HR's list names each replay for what it was.
        var record = await Kiosks.DbAsync(app, db => db.AttendanceRecords.SingleAsync());
        Assert.Null(record.CheckOutUtc);
        var kinds = await Kiosks.DbAsync(app, db => db.ReviewItems.Select(r => r.Kind).ToListAsync());
        Assert.Equal([ReviewKind.LivenessReplayed, ReviewKind.LivenessReplayed, ReviewKind.LivenessReplayed], kinds);
    }
}

/// <summary>The challenge in an employee's own tab, on a phone, answered with real turns as each step appears.</summary>
[Collection(RealTimeLivenessCollection.Name)]
public sealed class PersonalRealTurnTests(RealTurnBrowserApp app) : IClassFixture<RealTurnBrowserApp>
{
    private const string Password = "Employee-Password-1";

    [Fact]
    public async Task AnEmployeeTurningTheirHeadAsAskedChecksInFromTheirPhoneWithTheChallengeInPlace()
    {
        // Registered from another recording of the same man (his turn to the left), as a kiosk would have.
        await Kiosks.RegisterThroughApiAsync(app, Path.Combine("..", "faces-pose", "person-a", "turn-left-and-back", "000.jpg"), "Adam Turner");
        await Kiosks.EmployeeOfAsync(app, "adam@example.com", Password, "Adam Turner");
        app.Time.Advance(TimeSpan.FromHours(8));

        var phone = await app.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        var camera = await ScriptedCamera.InstallAsync(phone, PoseSteps.Still);
        await new LoginPage(phone, app.BaseUrl).LogInAsync("adam@example.com", Password);
        await phone.OpenInteractiveAsync($"{app.BaseUrl}/me");
        await Assertions.Expect(phone.GetByTestId("personal-check")).ToHaveTextAsync("Check out");
        app.Challenges.Steps = [HeadTurn.Right, HeadTurn.Left, HeadTurn.Right];
        await phone.GetByTestId("personal-check").TapAsync();

        var card = phone.Locator("section.personal-check");
        await Assertions.Expect(card.GetByText("Turn your head to your right, then back.")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(card.GetByText("Cannot turn your head? Ask HR for a PIN and check in with it at a kiosk.")).ToBeVisibleAsync();
        // His mirror image: turns of the same man, frames no challenge has seen.
        await Steps.AnswerAsync(phone, camera, (PoseSteps.Right2, Steps.FirstRecordingFps), (PoseSteps.Left3, Steps.FirstRecordingFps), (PoseSteps.Right3, Steps.SecondRecordingFps));
        await Assertions.Expect(phone.GetByTestId("personal-result")).ToContainTextAsync("Checked out at", new() { Timeout = 60_000 });
        var record = await Kiosks.DbAsync(app, db => db.AttendanceRecords.SingleAsync());
        Assert.Equal(AttendanceSource.Personal, record.CheckOutSource);
        Assert.Equal(0, await Kiosks.DbAsync(app, db => db.ReviewItems.CountAsync()));
    }
}

public sealed class PhotoAttackTests(PhotoAttackBrowserApp app) : IClassFixture<PhotoAttackBrowserApp>
{
    [Fact]
    public async Task APhotoMovedAndTurnedInFrontOfTheCameraFailsTheChallengeAndThePinIsOffered()
    {
        await Kiosks.RegisterThroughApiAsync(app, "enroll/obama/2.jpg", "Barack Obama");
        app.Time.Advance(TimeSpan.FromHours(8));
        var (page, kiosk) = await Kiosks.OpenAsync(app);

        await kiosk.PressCheckAsync();

        // The step as axe sees it (WCAG 2.2 AA), at desktop and phone width: nothing serious or critical.
        await Assertions.Expect(page.GetByText("Step 1 of 3")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.Empty(await AxeScan.SeriousAtBothSizesAsync(page, "/kiosk liveness step"));
        await Assertions.Expect(page.GetByText("We could not see the movement we asked for")).ToBeVisibleAsync(new() { Timeout = 90_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Use PIN instead" })).ToBeVisibleAsync();
        // The registered man's picture checked nobody out, and HR's list shows the failure; no frame is kept.
        Assert.Null(await Kiosks.DbAsync(app, db => db.AttendanceRecords.Select(r => r.CheckOutUtc).SingleAsync()));
        var item = await Kiosks.DbAsync(app, db => db.ReviewItems.SingleAsync());
        Assert.Equal(ReviewKind.LivenessFailed, item.Kind);
        Assert.Null(item.PendingThumbnail);
        Assert.Equal(0, await Kiosks.DbAsync(app, db => db.SeenFrames.CountAsync()));
    }
}

public sealed class DoubtfulTests(DoubtfulBrowserApp app) : IClassFixture<DoubtfulBrowserApp>
{
    [Fact]
    public async Task ADoubtfulMatchAsksAndBothAnswersDoWhatTheySay()
    {
        await Kiosks.RegisterThroughApiAsync(app, "enroll/alex_lacamoire/1.jpg", "Alex Lacamoire");
        app.Time.Advance(TimeSpan.FromHours(8));
        var (page, kiosk) = await Kiosks.OpenAsync(app);

        await kiosk.PressCheckAsync();
        // The short form of the name and no picture: a stranger the kiosk was unsure of learns nothing of who works here.
        await Assertions.Expect(page.GetByText("Are you Alex L.?")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByText("Alex Lacamoire")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("main img")).ToHaveCountAsync(0);
        Assert.Empty(await AxeScan.SeriousAtBothSizesAsync(page, "/kiosk \"Are you ...?\""));
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, that is me" }).ClickAsync();
        await Assertions.Expect(kiosk.ResultMessage("Goodbye, Alex Lacamoire! You are checked out.")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        app.Time.Advance(TimeSpan.FromHours(1));
        await kiosk.ResetAsync();
        await kiosk.PressCheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "No" }).ClickAsync(new() { Timeout = 30_000 });

        await Assertions.Expect(page.GetByText("What is your name?")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var record = await Kiosks.DbAsync(app, db => db.AttendanceRecords.SingleAsync());
        Assert.NotNull(record.CheckOutUtc); // the yes; the no recorded nothing
        var kinds = await Kiosks.DbAsync(app, db => db.ReviewItems.OrderBy(r => r.Id).Select(r => r.Kind).ToListAsync());
        Assert.Equal([ReviewKind.DoubtfulConfirmed, ReviewKind.DoubtfulDeclined], kinds);
    }
}

public sealed class RegistrationScreenTests(SwapBrowserApp app) : IClassFixture<SwapBrowserApp>
{
    [Fact]
    public async Task TheNameScreenRefusesAFaceThatIsNotTheOneItAskedAboutAndTimesOut()
    {
        var (page, kiosk) = await Kiosks.OpenAsync(app);

        // The first stranger presses the button, then walks away; the second types her name.
        await kiosk.PressCheckAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "The face that will be registered" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Task.Delay(TimeSpan.FromSeconds(5));
        await kiosk.RegisterAsync("Rose Leslie");

        await Assertions.Expect(kiosk.ResultMessage("That was not the face we asked about")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.Equal(0, await Kiosks.DbAsync(app, db => db.People.CountAsync()));

        // Asked again, and nobody answers: after a minute the kiosk forgets the face and waits for the next person.
        await kiosk.ResetAsync();
        await kiosk.PressCheckAsync();
        await Assertions.Expect(page.GetByText("What is your name?")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        app.Time.Advance(TimeSpan.FromSeconds(61));
        await Assertions.Expect(page.GetByText("Look at the camera")).ToBeVisibleAsync(new() { Timeout = 15_000 });
    }
}
