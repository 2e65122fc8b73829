using AttendanceBlazor.Data;
using AttendanceBlazor.Recognition;
using AttendanceBlazor.Recognition.FaceApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace AttendanceBlazor.Application.Tests;

/// <summary>
/// The application layer as both hosts build it (AddAttendanceApplication), on a real SQLite file of its own (or a
/// throwaway PostgreSQL database), with the real face models and a clock the test holds: the rules tested without the
/// web host. Started with <see cref="StartAsync"/>, which migrates the database and loads the gallery as the hosts do.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    private static readonly Lazy<FaceApiModels> Models = new(() =>
        FaceApiModels.Load(new RecognitionOptions().ResolveModelDirectory(), detectorMode: DetectorMode.Fast));

    private static readonly Lazy<Recognition.BlazeFace.BlazeFaceDetector> Camera = new(() =>
        Recognition.BlazeFace.BlazeFaceDetector.Load(new RecognitionOptions().ResolveCameraModelPath()));

    private readonly IHost _host;
    private readonly TestFolder? _folder;
    private readonly ThrowawayPostgresDatabase? _postgres;

    private TestApp(IHost host, TimeProvider time, TestFolder? folder, ThrowawayPostgresDatabase? postgres)
    {
        _host = host;
        Time = time;
        _folder = folder;
        _postgres = postgres;
    }

    public IServiceProvider Services => _host.Services;

    public TimeProvider Time { get; }

    /// <summary>The test's clock, when it holds one (null on the system clock).</summary>
    public FakeTimeProvider? FakeTime => Time as FakeTimeProvider;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>The turns the next liveness challenges ask for.</summary>
    public Tests.Liveness.FixedDraw Draw => Get<Tests.Liveness.FixedDraw>();

    public static readonly DateTimeOffset Start = new(2026, 3, 2, 7, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// An app on a fresh SQLite file and a clock standing at <see cref="Start"/>; <paramref name="time"/> replaces the
    /// clock (the system clock, for rules that depend on real waiting), <paramref name="database"/> shares another
    /// app's database (a second node), <paramref name="settings"/> add configuration.
    /// </summary>
    public static async Task<TestApp> StartAsync(IDictionary<string, string?>? settings = null, TimeProvider? time = null, TestApp? database = null, bool postgres = false)
    {
        time ??= new FakeTimeProvider(Start);
        TestFolder? folder = null;
        ThrowawayPostgresDatabase? pg = null;
        var configuration = new Dictionary<string, string?>
        {
            ["Attendance:TimeZone"] = "Europe/Berlin",
            ["Attendance:Liveness"] = "Off",
            // As the web app runs: the camera detector for camera stills, mirrored descriptors.
            ["Recognition:CameraDetector"] = "BlazeFace",
            ["Recognition:MirroredDescriptors"] = "true",
        };
        if (database is not null)
        {
            foreach (var (key, value) in database.Connection) configuration[key] = value;
        }
        else if (postgres)
        {
            pg = new ThrowawayPostgresDatabase();
            configuration["Database:Provider"] = "PostgreSQL";
            configuration["ConnectionStrings:Attendance"] = pg.ConnectionString;
        }
        else
        {
            folder = new TestFolder();
            configuration["ConnectionStrings:Attendance"] = folder.ConnectionString;
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) configuration[key] = value;

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            EnvironmentName = "Testing",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(time);
        // The models are converted once for the whole run and shared: registered as instances, which the container
        // does not dispose (a factory's result it would).
        builder.Services.AddSingleton(Models.Value);
        builder.Services.AddSingleton<Recognition.Pipeline.IFaceDetector>(Models.Value);
        builder.Services.AddSingleton<Recognition.Pipeline.ILandmarkDetector>(Models.Value);
        builder.Services.AddSingleton<Recognition.Pipeline.IFaceEmbedder>(Models.Value);
        builder.Services.AddSingleton(Camera.Value);
        // The challenge's turns as the test fixes them (the app draws them at random).
        builder.Services.AddSingleton<Application.Liveness.ILivenessRandom>(app => app.GetRequiredService<Tests.Liveness.FixedDraw>());
        builder.Services.AddSingleton<Tests.Liveness.FixedDraw>();
        builder.AddAttendanceApplication();
        var host = builder.Build();
        var app = new TestApp(host, time, folder, pg) { Connection = configuration.Where(c => c.Key is "Database:Provider" or "ConnectionStrings:Attendance").ToList() };
        await app.Get<ApplicationStartup>().RunAsync();
        return app;
    }

    private IReadOnlyList<KeyValuePair<string, string?>> Connection { get; init; } = [];

    /// <summary>A short-lived context on the app's database, for assertions.</summary>
    public AttendanceDbContext Db() => Get<IDbContextFactory<AttendanceDbContext>>().CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable disposable) await disposable.DisposeAsync();
        else _host.Dispose();
        _folder?.Dispose();
        _postgres?.Dispose();
    }
}
