using System.Net.Http.Headers;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using AttendanceBlazor.Recognition;
using AttendanceBlazor.Recognition.FaceApi;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace AttendanceBlazor.Web.Tests;

/// <summary>The liveness challenge a test wants: the server's random source, fixed.</summary>
public sealed class FixedLivenessRandom : Application.Liveness.ILivenessRandom
{
    /// <summary>The turns of every try, in order (a shorter list repeats its last).</summary>
    public Application.Liveness.HeadTurn[] Steps { get; set; } = [Application.Liveness.HeadTurn.Right, Application.Liveness.HeadTurn.Left, Application.Liveness.HeadTurn.Left];

    public IReadOnlyList<Application.Liveness.HeadTurn> Draw(int steps) =>
        Enumerable.Range(0, steps).Select(i => Steps[Math.Min(i, Steps.Length - 1)]).ToList();
}

/// <summary>Makes the next attendance write fail, as a database that goes away in the middle of a request would.</summary>
public sealed class FailingSaves : SaveChangesInterceptor
{
    public volatile bool FailNext;

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (FailNext && eventData.Context!.ChangeTracker.Entries<AttendanceRecord>().Any())
        {
            FailNext = false;
            throw new InvalidOperationException("injected database failure");
        }
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }
}

/// <summary>
/// The real embedder, with a switch that makes its next call throw, as a model failing at run time would (fault
/// injection, like <see cref="FailingSaves"/>; the descriptors themselves are always the real model's).
/// </summary>
public sealed class FailingEmbedder(Recognition.Pipeline.IFaceEmbedder inner) : Recognition.Pipeline.IFaceEmbedder
{
    public volatile bool FailNext;

    private int _calls;

    /// <summary>How many times faces were described: a still analysed twice shows here.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public string ModelId => inner.ModelId;

    public int Dimension => inner.Dimension;

    public IReadOnlyList<float[]> Embed(Recognition.Imaging.RgbImage image, IReadOnlyList<Recognition.Imaging.PixelRect> regions, bool mirrored = false)
    {
        Interlocked.Increment(ref _calls);
        if (FailNext)
        {
            FailNext = false;
            throw new InvalidOperationException("injected recognition failure");
        }
        return inner.Embed(image, regions, mirrored);
    }
}

/// <summary>
/// The face-api.js models, converted once for the whole test run (real models, shared to save startup time), in the
/// detector mode the app's appsettings.json configures (Fast, docs/decisions/008-fast-detector.md).
/// </summary>
public static class SharedModels
{
    private static readonly Lazy<FaceApiModels> Lazy = new(() =>
        FaceApiModels.Load(new RecognitionOptions().ResolveModelDirectory(), detectorMode: DetectorMode.Fast));

    public static FaceApiModels Instance => Lazy.Value;

    private static readonly Lazy<Recognition.BlazeFace.BlazeFaceDetector> Camera = new(() =>
        Recognition.BlazeFace.BlazeFaceDetector.Load(new RecognitionOptions().ResolveCameraModelPath()));

    /// <summary>The camera detector (BlazeFace), converted once for the run, as the app's appsettings.json chooses it.</summary>
    public static Recognition.BlazeFace.BlazeFaceDetector CameraDetector => Camera.Value;
}

/// <summary>
/// The real app (Program) on a real SQLite file of its own, the real recognition engine, a clock the test moves, and
/// a switch to fail the next database write. The app's periodic jobs are not scheduled (tests run them when they
/// mean to, so a clock moved by hours does not set them off in the background) unless <see cref="ScheduleJobs"/>.
/// </summary>
public sealed class AppFactory : WebApplicationFactory<Program>
{
    private readonly TestFolder _folder;

    public AppFactory() : this(null)
    {
    }

    /// <summary>An app on the database and keys of <paramref name="directory"/> (a restart of another factory's app), or on a fresh folder.</summary>
    public AppFactory(DirectoryInfo? directory) => _folder = directory is null ? new TestFolder() : new TestFolder(directory);

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero));

    /// <summary>
    /// Run on the system clock instead of <see cref="Time"/>: for rules that depend on real waiting (a window, a
    /// deadline, requests that queue), which a clock standing still while requests queue would hide.
    /// </summary>
    public bool SystemClock { get; init; }

    public FailingSaves Failures { get; } = new();

    /// <summary>Which turns the server's liveness challenges ask for.</summary>
    public FixedLivenessRandom Challenges { get; } = new();

    public FailingEmbedder RecognitionFailures { get; } = new(SharedModels.Instance);

    public TestFolder Folder => _folder;

    public string DatabasePath => _folder.DatabasePath;

    /// <summary>Schedule the automatic check-out and retention jobs as the real host does.</summary>
    public bool ScheduleJobs { get; init; }

    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Attendance:TimeZone"] = "Europe/Berlin",
        // The kiosk's component tests send single stills unless they test the liveness challenge itself.
        ["Attendance:Liveness"] = "Off",
        // Tests sign in far more often than a person does; SecurityReviewTests puts the shipped limit back.
        ["RateLimits:SignInPerAddressPerMinute"] = "1000",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Attendance", _folder.ConnectionString);
        builder.UseSetting("DataProtection:KeysDirectory", _folder.KeysDirectory);
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton(SystemClock ? TimeProvider.System : Time);
            // Registered as an instance: the container does not dispose it, so the next test can use it too.
            services.AddSingleton(SharedModels.Instance);
            services.AddSingleton<Recognition.Pipeline.IFaceDetector>(SharedModels.Instance);
            services.AddSingleton<Recognition.Pipeline.ILandmarkDetector>(SharedModels.Instance);
            services.AddSingleton<Recognition.Pipeline.IFaceEmbedder>(RecognitionFailures);
            services.AddSingleton(SharedModels.CameraDetector);
            services.ConfigureDbContext<AttendanceDbContext>(o => o.AddInterceptors(Failures));
            services.AddSingleton<Application.Liveness.ILivenessRandom>(Challenges);
            if (!ScheduleJobs)
            {
                services.RemoveAll<IHostedService>(d => d.ImplementationType is { IsGenericType: true } t && t.GetGenericTypeDefinition() == typeof(Hosting.PeriodicJobRunner<>));
            }
        });
    }

    /// <summary>The descriptor of the one face in a shared photo, from the app's own engine.</summary>
    public float[] Describe(string photo) =>
        Services.GetRequiredService<Recognition.Pipeline.FaceEngine>().Analyze(File.ReadAllBytes(TestFaces.PathOf(photo))).Faces.Single().Descriptor;

    /// <summary>A short-lived context on the app's database, for assertions.</summary>
    public AttendanceDbContext Db() => Services.GetRequiredService<IDbContextFactory<AttendanceDbContext>>().CreateDbContext();

    public async Task<string> CreateKeyAsync(DeviceScopes scopes, string? name = null)
    {
        await using var db = Db();
        var (_, key) = await DeviceKeys.CreateAsync(db, name ?? $"device-{Guid.NewGuid():N}"[..20], scopes, Time.GetUtcNow().UtcDateTime);
        return key;
    }

    /// <summary>Where the app listens once started on Kestrel (UseKestrel, StartServer): a real socket on 127.0.0.1.</summary>
    public Uri KestrelAddress => new(Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
        .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First());

    public async Task<HttpClient> ApiClientAsync(DeviceScopes scopes = DeviceScopes.CheckIn | DeviceScopes.ReadAttendance)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await AddKeyAsync(client, scopes);
        return client;
    }

    /// <summary>A client of the app on Kestrel, over a real connection, with a device key.</summary>
    public async Task<HttpClient> KestrelApiClientAsync(DeviceScopes scopes = DeviceScopes.CheckIn | DeviceScopes.ReadAttendance)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = 1000 }) { BaseAddress = KestrelAddress, Timeout = TimeSpan.FromMinutes(2) };
        await AddKeyAsync(client, scopes);
        return client;
    }

    private async Task AddKeyAsync(HttpClient client, DeviceScopes scopes)
    {
        client.DefaultRequestHeaders.Add("X-Api-Key", await CreateKeyAsync(scopes));
    }

    public static MultipartFormDataContent Form(string? photo, string? name = null, byte[]? bytes = null, string fileName = "still.jpg", string? consent = null)
    {
        var form = new MultipartFormDataContent();
        if (photo is not null || bytes is not null)
        {
            var content = new ByteArrayContent(bytes ?? File.ReadAllBytes(TestFaces.PathOf(photo!)));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(content, "image", fileName);
        }
        if (name is not null) form.Add(new StringContent(name), "name");
        if (consent is not null) form.Add(new StringContent(consent), "consent");
        return form;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _folder.Dispose();
        }
    }
}

internal static class ServiceCollectionTestExtensions
{
    public static void RemoveAll<T>(this IServiceCollection services, Func<ServiceDescriptor, bool> match)
    {
        foreach (var d in services.Where(d => d.ServiceType == typeof(T) && match(d)).ToList()) services.Remove(d);
    }
}
