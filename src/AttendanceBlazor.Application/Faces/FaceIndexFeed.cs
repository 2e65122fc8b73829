using System.Diagnostics;
using AttendanceBlazor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AttendanceBlazor.Application.Faces;

/// <summary>
/// This process's place in the face index's change feed (FaceIndexChanges, ADR 014): every template change, made by
/// any process, adds a line in its own transaction; <see cref="PollAsync"/> reloads the people named in lines this
/// process has not applied yet. Applying is idempotent (a person's templates are read again), so lines are applied at
/// least once: each poll looks back <see cref="Overlap"/> ids, because a transaction can take an id before another
/// and commit after it. A process that could not read the feed for longer than lines are kept reloads everything.
/// </summary>
public sealed class FaceIndexFeed(IDbContextFactory<AttendanceDbContext> dbFactory, FaceGallery gallery, TimeProvider time, ILogger<FaceIndexFeed> logger)
{
    /// <summary>How many ids each poll reads again, for lines committed late.</summary>
    public const int Overlap = 256;

    /// <summary>How long lines are kept; a process whose last good poll is older than half of it reloads everything.</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromDays(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<long> _applied = [];
    private long _lastId;
    private long _lastGoodPoll = -1;

    /// <summary>Seconds since the last good read of the feed (a metric); -1 before the first.</summary>
    public double SecondsSinceLastPoll => Volatile.Read(ref _lastGoodPoll) is var last and >= 0 ? Stopwatch.GetElapsedTime(last).TotalSeconds : -1;

    /// <summary>Whether the index has read the feed recently (the readiness probe asks): within <paramref name="within"/>.</summary>
    public bool CaughtUp(TimeSpan within) =>
        Volatile.Read(ref _lastGoodPoll) is var last and >= 0 && Stopwatch.GetElapsedTime(last) <= within;

    /// <summary>The lines up to now are in the gallery about to be loaded: called just before the full load.</summary>
    public async Task MarkAsync(AttendanceDbContext db, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _lastId = await db.FaceIndexChanges.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0;
            _applied.Clear();
            _applied.UnionWith(await db.FaceIndexChanges.Where(c => c.Id > _lastId - Overlap).Select(c => c.Id).ToListAsync(cancellationToken));
            Volatile.Write(ref _lastGoodPoll, Stopwatch.GetTimestamp());
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Applies the lines other processes (or this one) added since the last poll; returns the people reloaded.</summary>
    public async Task<int> PollAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (Volatile.Read(ref _lastGoodPoll) is var last and >= 0 && Stopwatch.GetElapsedTime(last) > Kept / 2)
            {
                // Lines may have been pruned while this process could not read them: start again from the database.
                logger.LogWarning("Face index: the change feed was not read for {Elapsed}; reloading every template", Stopwatch.GetElapsedTime(last));
                var mark = await db.FaceIndexChanges.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0;
                await gallery.LoadAsync(db, cancellationToken);
                _lastId = mark;
                _applied.Clear();
                Volatile.Write(ref _lastGoodPoll, Stopwatch.GetTimestamp());
                return gallery.Index.Count;
            }
            var from = _lastId - Overlap;
            var lines = await db.FaceIndexChanges.AsNoTracking().Where(c => c.Id > from).OrderBy(c => c.Id)
                .Select(c => new { c.Id, c.PersonId }).ToListAsync(cancellationToken);
            var fresh = lines.Where(l => !_applied.Contains(l.Id)).ToList();
            var people = fresh.Select(l => l.PersonId).Distinct().ToList();
            await gallery.ReloadPeopleAsync(db, people, cancellationToken);
            foreach (var line in fresh) _applied.Add(line.Id);
            if (lines.Count > 0) _lastId = Math.Max(_lastId, lines[^1].Id);
            _applied.RemoveWhere(id => id <= _lastId - Overlap);
            Volatile.Write(ref _lastGoodPoll, Stopwatch.GetTimestamp());
            if (people.Count > 0) logger.LogDebug("Face index: {People} people reloaded from the change feed", people.Count);
            return people.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Drops lines older than <see cref="Kept"/> (any process may; the newest line always stays, so ids never restart).</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var before = time.GetUtcNow().UtcDateTime - Kept;
        var newest = await db.FaceIndexChanges.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0;
        return await db.FaceIndexChanges.Where(c => c.AtUtc < before && c.Id != newest).ExecuteDeleteAsync(cancellationToken);
    }
}
