using System.Runtime.InteropServices;
using AttendanceBlazor.Data;
using AttendanceBlazor.Recognition;
using AttendanceBlazor.Recognition.Matching;
using AttendanceBlazor.Recognition.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Application.Faces;

/// <summary>
/// The in-memory face index of everyone registered, active or not (an inactive person's face must be known as theirs, never as a new face), keyed by person id. Loaded from the database at startup and kept
/// in step by the services that enrol, merge, deactivate and erase. Only templates of the running embedder's model
/// are loaded: descriptors of different models are not comparable.
/// </summary>
/// <remarks>The engine is taken lazily: account and device commands of the CLI never load the face models.</remarks>
public sealed class FaceGallery(IOptions<RecognitionOptions> options, Lazy<FaceEngine> engine) : IDisposable
{
    private readonly Lazy<FaceIndex<int>> _index = new(() => new FaceIndex<int>(engine.Value.Dimension, options.Value.MatchThreshold, options.Value.AmbiguityMargin));

    public FaceIndex<int> Index => _index.Value;

    /// <summary>Templates in the index; 0 while it was never needed (the CLI), without loading the models for it.</summary>
    public int Count => _index.IsValueCreated ? _index.Value.Count : 0;

    /// <summary>The nearest person at <paramref name="threshold"/> (the settings in force, passed per query).</summary>
    public MatchResult<int> Identify(ReadOnlySpan<float> descriptor, double threshold) => Index.Identify(descriptor, threshold);

    public void Add(long templateId, int personId, ReadOnlySpan<float> descriptor) => Index.Add(templateId, personId, descriptor);

    /// <summary>Forgets a person's templates; a process that never loaded the index (the CLI) has nothing to forget.</summary>
    public void RemovePerson(int personId)
    {
        if (_index.IsValueCreated) _index.Value.RemovePerson(personId);
    }

    public void Reassign(int fromPersonId, int toPersonId)
    {
        if (_index.IsValueCreated) _index.Value.Reassign(fromPersonId, toPersonId);
    }

    /// <summary>
    /// Reads the current templates of <paramref name="personIds"/> from the database and puts exactly those in the
    /// index, in one step (what the change feed applies: another process registered, merged or erased them).
    /// </summary>
    public async Task ReloadPeopleAsync(AttendanceDbContext db, IReadOnlyCollection<int> personIds, CancellationToken cancellationToken)
    {
        if (personIds.Count == 0) return;
        var templates = await db.FaceTemplates.AsNoTracking()
            .Where(t => personIds.Contains(t.PersonId) && t.ModelId == engine.Value.ModelId && t.Person!.ErasedUtc == null)
            .Select(t => new { t.Id, t.PersonId, t.Descriptor })
            .ToListAsync(cancellationToken);
        Index.ReplacePeople(personIds, templates.Select(t => (t.Id, t.PersonId, MemoryMarshal.Cast<byte, float>(t.Descriptor).ToArray())).ToList());
    }

    public async Task LoadAsync(AttendanceDbContext db, CancellationToken cancellationToken)
    {
        Index.Clear();
        var templates = db.FaceTemplates.AsNoTracking()
            .Where(t => t.ModelId == engine.Value.ModelId && t.Person!.ErasedUtc == null)
            .Select(t => new { t.Id, t.PersonId, t.Descriptor })
            .AsAsyncEnumerable();
        await foreach (var t in templates.WithCancellation(cancellationToken))
        {
            Index.Add(t.Id, t.PersonId, MemoryMarshal.Cast<byte, float>(t.Descriptor));
        }
    }

    public void Dispose()
    {
        if (_index.IsValueCreated) _index.Value.Dispose();
    }
}
