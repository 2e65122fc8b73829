using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AttendanceBlazor.Application.CheckIn;

/// <summary>What a check-in puts on HR's review list beside (or instead of) an event: when, where, whom it was close to; never a still.</summary>
public sealed class CheckReviews(IDbContextFactory<AttendanceDbContext> dbFactory, Settings.AttendanceSettings settings, TimeProvider time)
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

    /// <summary>A review.created event's data: the item's id, kind, time and device, the candidate's id (never a name or a face).</summary>
    public static object EventData(Settings.EffectiveSettings settings, ReviewItem item) => new
    {
        review_id = item.Id, kind = item.Kind.ToString(), device = item.Device, candidate_person_id = item.CandidatePersonId,
        time_local = Integrations.Outbox.When(settings, item.AtUtc).Local, time_utc = Integrations.Outbox.When(settings, item.AtUtc).Utc,
    };

    /// <summary>A review item of its own, outside any check-in's write (a liveness challenge failed three times).</summary>
    public async Task<long> AddAsync(ReviewKind kind, CheckContext context, int? candidate = null, float? distance = null, CancellationToken cancellationToken = default)
    {
        var effective = await settings.GetAsync(cancellationToken);
        return await dbFactory.InTransactionAsync(async (db, ct) =>
        {
            var item = Item(kind, context, candidate, distance);
            db.ReviewItems.Add(item);
            await db.SaveChangesAsync(ct);
            await Integrations.Outbox.AddAsync(db, time, Integrations.WebhookEvents.ReviewCreated, item.CandidatePersonId, EventData(effective, item), ct);
            await db.SaveChangesAsync(ct);
            return item.Id;
        }, cancellationToken);
    }
}
