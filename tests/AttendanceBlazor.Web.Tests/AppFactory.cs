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

namespace AttendanceBlazor.Web.Tests;

/// <summary>A clock the tests move by hand.</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;

    public void Set(DateTimeOffset to) => _now = to;
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

    public string ModelId => inner.ModelId;

    public int Dimension => inner.Dimension;

    public IReadOnlyList<float[]> Embed(Recognition.Imaging.RgbImage image, IReadOnlyList<Recognition.Imaging.PixelRect> regions)
    {
        if (FailNext)
        {
            FailNext = false;
            throw new InvalidOperationException("injected recognition failure");
        }
        return inner.Embed(image, regions);
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
}

/// <summary>
/// The real app (Program) on a real SQLite file of its own, the real recognition engine, a manual clock, and a
/// switch to fail the next database write.
/// </summary>
public sealed class AppFactory : WebApplicationFactory<Program>
{
    private readonly DirectoryInfo _dir;
    private readonly bool _ownsDirectory;

    public AppFactory() : this(null)
    {
    }

    /// <summary>An app on the database and keys of <paramref name="directory"/> (a restart of another factory's app), or on a fresh folder.</summary>
    public AppFactory(DirectoryInfo? directory)
    {
        _ownsDirectory = directory is null;
        _dir = directory ?? Directory.CreateTempSubdirectory("attendance-test-");
    }

    public ManualTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero));

    public FailingSaves Failures { get; } = new();

    public FailingEmbedder RecognitionFailures { get; } = new(SharedModels.Instance);

    public string DatabasePath => Path.Combine(_dir.FullName, "attendance.db");

    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Attendance:TimeZone"] = "Europe/Berlin",
        ["Attendance:AutoCheckoutInterval"] = "01:00:00",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Attendance", $"Data Source={DatabasePath}");
        builder.UseSetting("DataProtection:KeysDirectory", Path.Combine(_dir.FullName, "keys"));
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            // Registered as an instance: the container does not dispose it, so the next test can use it too.
            services.AddSingleton(SharedModels.Instance);
            services.AddSingleton<Recognition.Pipeline.IFaceDetector>(SharedModels.Instance);
            services.AddSingleton<Recognition.Pipeline.ILandmarkDetector>(SharedModels.Instance);
            services.AddSingleton<Recognition.Pipeline.IFaceEmbedder>(RecognitionFailures);
            services.ConfigureDbContext<AttendanceDbContext>(o => o.AddInterceptors(Failures));
        });
    }

    /// <summary>A short-lived context on the app's database, for assertions.</summary>
    public AttendanceDbContext Db() => Services.GetRequiredService<IDbContextFactory<AttendanceDbContext>>().CreateDbContext();

    public async Task<string> CreateKeyAsync(DeviceScopes scopes, string? name = null)
    {
        await using var db = Db();
        var (_, key) = await DeviceKeys.CreateAsync(db, name ?? $"device-{Guid.NewGuid():N}"[..20], scopes, Time.GetUtcNow().UtcDateTime);
        return key;
    }

    public async Task<HttpClient> ApiClientAsync(DeviceScopes scopes = DeviceScopes.CheckIn | DeviceScopes.ReadAttendance)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Api-Key", await CreateKeyAsync(scopes));
        return client;
    }

    public static MultipartFormDataContent Form(string? photo, string? name = null, byte[]? bytes = null, string fileName = "still.jpg", string? consent = null)
    {
        var form = new MultipartFormDataContent();
        if (photo is not null || bytes is not null)
        {
            var content = new ByteArrayContent(bytes ?? File.ReadAllBytes(Recognition.Tests.TestFaces.PathOf(photo!)));
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
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (_ownsDirectory) try { _dir.Delete(recursive: true); } catch (IOException) { }
        }
    }
}
