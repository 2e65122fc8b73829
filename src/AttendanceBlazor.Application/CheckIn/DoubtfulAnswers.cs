using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AttendanceBlazor.Application.CheckIn;

/// <summary>
/// The answer at the kiosk to "Are you ...?": yes records the event for the candidate, at the moment the press
/// arrived, and puts it on HR's review list beside it; no records nothing for them and tells HR (time, device,
/// candidate, distance; no still).
/// </summary>
public sealed class DoubtfulAnswers(CheckInWriter writer, CheckReviews reviews, ILogger<DoubtfulAnswers> logger)
{
    public Task<CheckResult> ConfirmAsync(DoubtfulMatch doubt, CheckContext context, CancellationToken cancellationToken = default) =>
        writer.WriteAsync(context, async step =>
        {
            var person = await step.PersonAsync(doubt.CandidateId);
            if (person is null || !person.IsActive) return new CheckResult(CheckOutcome.Inactive) { Name = person?.DisplayName, PersonId = person?.Id };
            var result = await step.ToggleAsync(person, doubt.Distance);
            if (!result.Succeeded) return result;
            // The record the answer made: saved first, so the review item can point at it.
            await step.Db.SaveChangesAsync(step.CancellationToken);
            var item = step.Review(ReviewKind.DoubtfulConfirmed, doubt.CandidateId, doubt.Distance);
            item.RecordId = await step.Db.AttendanceRecords.Where(r => r.PersonId == doubt.CandidateId).OrderByDescending(r => r.Id).Select(r => r.Id).FirstAsync(step.CancellationToken);
            step.Db.ReviewItems.Add(item);
            await step.Db.SaveChangesAsync(step.CancellationToken);
            return result with { ReviewItemId = item.Id };
        }, cancellationToken);

    public async Task DeclineAsync(DoubtfulMatch doubt, CheckContext context, CancellationToken cancellationToken = default)
    {
        await reviews.AddAsync(ReviewKind.DoubtfulDeclined, context, doubt.CandidateId, doubt.Distance, cancellationToken);
        logger.LogInformation("A doubtful match to person {PersonId} at distance {Distance} was declined at {Device}", doubt.CandidateId, doubt.Distance, context.Device);
    }
}
