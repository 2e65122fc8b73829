using AttendanceBlazor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace AttendanceBlazor.Application.Audit;

/// <summary>
/// Reading personal data leaves a trace too (GDPR Art. 5(2), 30): every export is written to the audit log with who
/// asked and for what, and the first look at a person's face by a user within an hour (a list of thumbnails would
/// otherwise write a row per picture per page view).
/// </summary>
public sealed class AccessAudit(IDbContextFactory<AttendanceDbContext> dbFactory, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan FaceViewWindow = TimeSpan.FromHours(1);

    private readonly MemoryCache _recentFaceViews = new(new MemoryCacheOptions { SizeLimit = 100_000, Clock = null });

    public async Task ExportedAsync(Actor actor, string entityType, object entityId, string action, object? details, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.AddAudit(time, actor, entityType, entityId, action, null, details);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Records that <paramref name="actor"/> looked at a face (a person's, or one waiting on the review list).</summary>
    public async Task FaceViewedAsync(Actor actor, string entityType, object entityId, CancellationToken cancellationToken = default)
    {
        var key = $"{actor.UserId ?? actor.UserName}|{entityType}|{entityId}";
        if (_recentFaceViews.TryGetValue(key, out _)) return;
        _recentFaceViews.Set(key, true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = FaceViewWindow });
        await ExportedAsync(actor, entityType, entityId, AuditActions.ViewFace, null, cancellationToken);
    }

    public void Dispose() => _recentFaceViews.Dispose();
}
