using AttendanceBlazor.Data;
using AttendanceBlazor.Recognition;
using AttendanceBlazor.Recognition.Matching;
using AttendanceBlazor.Recognition.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Web.Attendance;

/// <summary>
/// The in-memory face index of everyone active, keyed by person id. Loaded from the database at startup and kept
/// in step by the services that enrol, merge, deactivate and erase. Only templates of the running embedder's model
/// are loaded: descriptors of different models are not comparable.
/// </summary>
public sealed class FaceGallery(IOptions<RecognitionOptions> options, FaceEngine engine) : IDisposable
{
    public FaceIndex<int> Index { get; } = new(engine.Dimension, options.Value.MatchThreshold, options.Value.AmbiguityMargin);

    public async Task LoadAsync(AttendanceDbContext db, CancellationToken cancellationToken)
    {
        Index.Clear();
        var templates = db.FaceTemplates.AsNoTracking()
            .Where(t => t.ModelId == engine.ModelId && t.Person!.IsActive)
            .Select(t => new { t.Id, t.PersonId, t.Descriptor })
            .AsAsyncEnumerable();
        await foreach (var t in templates.WithCancellation(cancellationToken))
        {
            Index.Add(t.Id, t.PersonId, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(t.Descriptor));
        }
    }

    public void Dispose() => Index.Dispose();
}

/// <summary>
/// Before the app takes requests: converts the face models (a missing or corrupt model file stops the app here,
/// with a message naming the file, rather than failing the first check-in), migrates the database and loads the
/// face gallery.
/// </summary>
public sealed class StartupInitializer(IServiceProvider services, FaceGallery gallery, IDbContextFactory<AttendanceDbContext> dbFactory, ILogger<StartupInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var models = services.GetRequiredService<Recognition.FaceApi.FaceApiModels>();
            logger.LogInformation("Face models ready in {Milliseconds:0} ms", models.LoadTime.TotalMilliseconds);
        }
        catch (Recognition.FaceApi.ModelLoadException ex)
        {
            logger.LogCritical("Cannot start: {Reason}", ex.Message);
            throw;
        }
        await services.MigrateAttendanceDatabaseAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await gallery.LoadAsync(db, cancellationToken);
        logger.LogInformation("Face gallery loaded: {Count} templates", gallery.Index.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
