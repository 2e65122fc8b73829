using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AttendanceBlazor.Application.CheckIn;

/// <summary>What a check-in puts on HR's review list beside (or instead of) an event: when, where, whom it was close to; never a still.</summary>
public sealed class CheckReviews(IDbContextFactory<AttendanceDbContext> dbFactory)
{
    public static ReviewItem Item(ReviewKind kind, CheckContext context, int? candidate, float? distance) => new()
    {
        Kind = kind,
        AtUtc = context.AtUtc,
        Source = context.Source,
        Device = context.Device,
        CandidatePersonId = candidate is 0 ? null : candidate,
        Distance = distance,
    };

    /// <summary>A review item of its own, outside any check-in's write (a liveness challenge failed three times).</summary>
    public async Task<long> AddAsync(ReviewKind kind, CheckContext context, int? candidate = null, float? distance = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var item = Item(kind, context, candidate, distance);
        db.ReviewItems.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        return item.Id;
    }
}
