using System.Diagnostics;
using AttendanceBlazor.Data.Entities;
using AttendanceBlazor.Application.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AttendanceBlazor.EndToEnd.Tests;

/// <summary>
/// The real app on Kestrel (port 0, loopback), a real SQLite file, the real recognition engine, and Debian's
/// Chromium driven by Playwright with a fake camera that plays a video made from a photo of ../shared/faces.
/// </summary>
public class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@example.com";
    public const string AdminPassword = "Admin-Password-1";
    public const string HrEmail = "hr@example.com";
    public const string HrPassword = "Hr-Password-123";
    private const string ChromiumPath = "/usr/bin/chromium";

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("attendance-e2e-");
    private IPlaywright? _playwright;

    private TestClock? _time;

    /// <summary>
    /// The app's clock, which the test moves ahead: standing still in between, or running in real time where the
    /// app's rules depend on real waiting (<see cref="RealClock"/>).
    /// </summary>
    public TestClock Time => _time ??= RealClock ? TestClock.Running(Start) : TestClock.Frozen(Start);

    private static readonly DateTimeOffset Start = new(2026, 6, 1, 6, 30, 0, TimeSpan.Zero);

    /// <summary>A clock that runs: a liveness step's frames must really take the step's time.</summary>
    protected virtual bool RealClock => false;

    /// <summary>The system clock itself (the real calendar decides, as for a user): <see cref="Time"/> is then not the app's.</summary>
    protected virtual bool SystemClock => false;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public static string ScreenshotDirectory => Path.Combine(TestFaces.RepositoryRoot, "docs", "screenshots");

    public BrowserApp() => UseKestrel(0);

    /// <summary>Attendance:Liveness for this app: the scenario of a still photo camera runs without the challenge.</summary>
    protected virtual string Liveness => "Off";

    /// <summary>Turns the kiosk's automatic capture on, and makes the fake camera show someone arriving.</summary>
    protected virtual bool AutoCapture => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development serves the static web assets (blazor.web.js, MudBlazor) straight from the build output.
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Attendance", $"Data Source={Path.Combine(_dir.FullName, "attendance.db")}");
        builder.UseSetting("DataProtection:KeysDirectory", Path.Combine(_dir.FullName, "keys"));
        builder.UseSetting("Attendance:TimeZone", "Europe/Berlin");
        builder.UseSetting("Attendance:KioskResultDuration", "00:01:00");
        builder.UseSetting("Attendance:Liveness", Liveness);
        if (AutoCapture) builder.UseSetting("Attendance:KioskAutoCapture", "true");
        ConfigureApp(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(SystemClock ? TimeProvider.System : Time);
            services.AddSingleton<Application.Liveness.ILivenessRandom>(Challenges);
        });
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing. Run the tests with `bash tests/run.sh`, which installs Debian's chromium and ffmpeg.");
        }
        // Expectations poll for a state up to a deadline: 5 s, Playwright's default, is a speed goal in disguise on
        // a 2-core CI machine where the cluster's node processes and other browser tests share the cores.
        Assertions.SetDefaultExpectTimeout(20_000);
        StartServer();
        BaseUrl = ClientOptions.BaseAddress.ToString().TrimEnd('/');
        using (var scope = Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var admin = new ApplicationUser { UserName = AdminEmail, Email = AdminEmail, EmailConfirmed = true };
            Check(await users.CreateAsync(admin, AdminPassword));
            Check(await users.AddToRoleAsync(admin, Roles.Admin));
            var hr = new ApplicationUser { UserName = HrEmail, Email = HrEmail, EmailConfirmed = true };
            Check(await users.CreateAsync(hr, HrPassword));
            Check(await users.AddToRoleAsync(hr, Roles.HR));
        }
        var video = await FakeCameraVideoAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", $"--use-file-for-fake-video-capture={video}",
            ],
        });
    }

    /// <summary>The photo the fake camera shows, unless <see cref="CameraArguments"/> says otherwise.</summary>
    protected virtual string CameraPhoto => "enroll/obama/1.jpg";

    /// <summary>
    /// ffmpeg's arguments for the fake camera's video (written to <paramref name="output"/>, a .y4m file Chromium
    /// loops from its start when the camera opens).
    /// </summary>
    protected virtual string[] CameraArguments(string output) => AutoCapture
        // One second of an empty grey scene, then two seconds of the face: Chromium loops the file, so the
        // kiosk sees someone arrive and hold still, again and again.
        ? ["-loglevel", "error", "-y", "-f", "lavfi", "-i", "color=c=gray:s=640x360:d=1:r=10", "-loop", "1", "-t", "2", "-r", "10", "-i", TestFaces.PathOf(CameraPhoto),
           "-filter_complex", "[1:v]scale=640:360:force_original_aspect_ratio=decrease,pad=640:360:(ow-iw)/2:(oh-ih)/2,setsar=1[face];[0:v][face]concat=n=2:v=1[v]",
           "-map", "[v]", "-pix_fmt", "yuv420p", output]
        : ["-loglevel", "error", "-y", "-loop", "1", "-i", TestFaces.PathOf(CameraPhoto), "-t", "2", "-r", "10", "-vf", "scale=640:-2,format=yuv420p", output];

    /// <summary>Settings of a particular test app, beside the ones every browser test has.</summary>
    protected virtual void ConfigureApp(IWebHostBuilder builder)
    {
    }

    /// <summary>Which turns the server's liveness challenges ask for.</summary>
    public FixedChallenge Challenges { get; } = new();

    /// <summary>A short .y4m video for Chromium's fake camera.</summary>
    private async Task<string> FakeCameraVideoAsync()
    {
        var output = Path.Combine(_dir.FullName, "camera.y4m");
        var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg", CameraArguments(output))
        { RedirectStandardError = true }) ?? throw new InvalidOperationException("ffmpeg could not be started; run `bash tests/run.sh`.");
        await ffmpeg.WaitForExitAsync();
        if (ffmpeg.ExitCode != 0) throw new InvalidOperationException("ffmpeg failed: " + await ffmpeg.StandardError.ReadToEndAsync());
        return output;
    }

    /// <summary>The folder of ../shared/faces-pose.</summary>
    protected static string PoseDirectory => Path.Combine(Path.GetDirectoryName(TestFaces.Directory)!, "faces-pose");

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { _dir.Delete(recursive: true); } catch (IOException) { }
    }
}

/// <summary>The server's draw of liveness turns, fixed by a test: every try asks these, in order.</summary>
public sealed class FixedChallenge : Application.Liveness.ILivenessRandom
{
    public Application.Liveness.HeadTurn[] Steps { get; set; } = [Application.Liveness.HeadTurn.Right, Application.Liveness.HeadTurn.Left, Application.Liveness.HeadTurn.Left];

    public IReadOnlyList<Application.Liveness.HeadTurn> Draw(int steps) =>
        Enumerable.Range(0, steps).Select(i => Steps[Math.Min(i, Steps.Length - 1)]).ToList();
}
