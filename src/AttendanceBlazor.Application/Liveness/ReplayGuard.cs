using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using AttendanceBlazor.Recognition.Imaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Application.Liveness;

/// <summary>
/// The memory of frames a passed challenge showed (<see cref="SeenFrame"/>, in the database, so every node shares it):
/// a challenge met with frames seen before is a replayed recording, whatever order the frames come in. Only the
/// frames in which the head was turned count: a person facing the camera at the same kiosk looks much the same every
/// morning, a turn recorded once does not come back by itself. A press is a replay when at least a third of its
/// turned frames (and at least <see cref="MinMatchedFrames"/>) are within <see cref="FaceHash.SameFrameBits"/> of
/// frames seen before; docs/decisions/016-replay-proof-liveness.md has the measurements.
/// </summary>
public sealed class ReplayGuard(IDbContextFactory<AttendanceDbContext> dbFactory, IOptions<AttendanceOptions> options, TimeProvider time)
{
    /// <summary>A replay shows at least this many frames seen before; one or two may be a coincidence.</summary>
    public const int MinMatchedFrames = 3;

    /// <summary>... and at least this share of its turned frames.</summary>
    public const double MatchedShare = 1.0 / 3;

    /// <summary>
    /// How many of <paramref name="frames"/> were seen before in a press for <paramref name="candidate"/> (the person
    /// the face is closest to) or for nobody yet, within Attendance:LivenessFrameDays.
    /// </summary>
    public async Task<int> MatchedAsync(int? candidate, IReadOnlyList<FaceHash> frames, CancellationToken cancellationToken = default)
    {
        if (frames.Count == 0) return 0;
        var since = time.GetUtcNow().UtcDateTime - TimeSpan.FromDays(options.Value.LivenessFrameDays);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var seen = await db.SeenFrames.AsNoTracking()
            .Where(f => (f.PersonId == candidate || f.PersonId == null) && f.SeenUtc >= since)
            .Select(f => f.Hash)
            .ToListAsync(cancellationToken);
        var known = seen.Select(h => FaceHash.FromBytes(h)).ToArray();
        return frames.Count(frame => Array.Exists(known, k => k.IsSameFrameAs(frame)));
    }

    public static bool IsReplay(int matched, int frames) => matched >= MinMatchedFrames && matched >= Math.Ceiling(frames * MatchedShare);

    /// <summary>Remembers a passed press's turned frames, for <paramref name="personId"/> when the face was someone's.</summary>
    public async Task KeepAsync(Guid press, int? personId, IReadOnlyList<FaceHash> frames, CancellationToken cancellationToken = default)
    {
        if (frames.Count == 0) return;
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.SeenFrames.AddRange(frames.Select(f => new SeenFrame { PressId = press, PersonId = personId, Hash = f.ToBytes(), SeenUtc = now }));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The press's frames belong to <paramref name="personId"/> (registered from it): they go with that person's erasure.</summary>
    public static Task<int> ClaimAsync(AttendanceDbContext db, Guid press, int personId, CancellationToken cancellationToken = default) =>
        db.SeenFrames.Where(f => f.PressId == press).ExecuteUpdateAsync(s => s.SetProperty(f => f.PersonId, personId), cancellationToken);
}
