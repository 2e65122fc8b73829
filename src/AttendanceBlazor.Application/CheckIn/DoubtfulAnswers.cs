using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Application.CheckIn;

/// <summary>
/// The kiosk's question "Are you Ann L.?" and its answers. Asking writes a review item at once (so a kiosk cannot be
/// used to look people up by face without a trace), at most Attendance:DoubtfulQuestionsPerKioskPerHour questions a
/// kiosk an hour. Yes records the event for the candidate, at the moment the press arrived; no records nothing for
/// them; either answer turns the question's item into what was answered (time, device, candidate, distance; no still).
/// </summary>
public sealed class DoubtfulAnswers(
    CheckInWriter writer,
    CheckReviews reviews,
    IDbContextFactory<AttendanceDbContext> dbFactory,
    IOptions<AttendanceOptions> options,
    ILogger<DoubtfulAnswers> logger)
{
    private static readonly ReviewKind[] Questions = [ReviewKind.DoubtfulAsked, ReviewKind.DoubtfulConfirmed, ReviewKind.DoubtfulDeclined];

    /// <summary>
    /// Puts the question on HR's list and returns it to be shown, or null when the kiosk has asked its hour's share
    /// already (the kiosk then points to the PIN and HR instead).
    /// </summary>
    public async Task<DoubtfulMatch?> AskAsync(DoubtfulMatch doubt, CheckContext context, CancellationToken cancellationToken = default)
    {
        var since = context.AtUtc.AddHours(-1);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var asked = await db.ReviewItems.CountAsync(r => Questions.Contains(r.Kind) && r.Device == context.Device && r.AtUtc > since, cancellationToken);
            if (asked >= options.Value.DoubtfulQuestionsPerKioskPerHour)
            {
                logger.LogWarning("Kiosk {Device} asked {Asked} doubtful questions within the hour: no more until the hour has passed", context.Device, asked);
                return null;
            }
        }
        var id = await reviews.AddAsync(ReviewKind.DoubtfulAsked, context, doubt.CandidateId, doubt.Distance, cancellationToken);
        return doubt with { ReviewItemId = id };
    }

    public Task<CheckResult> ConfirmAsync(DoubtfulMatch doubt, CheckContext context, CancellationToken cancellationToken = default) =>
        writer.WriteAsync(context, async step =>
        {
            var person = await step.PersonAsync(doubt.CandidateId);
            if (person is null || !person.IsActive) return new CheckResult(CheckOutcome.Inactive) { Name = person?.DisplayName, PersonId = person?.Id };
            var result = await step.ToggleAsync(person, doubt.Distance);
            if (!result.Succeeded) return result;
            // The record the answer made: saved first, so the review item can point at it.
            await step.Db.SaveChangesAsync(step.CancellationToken);
            var asked = await QuestionAsync(step.Db, doubt, step.CancellationToken);
            var item = asked ?? step.Db.ReviewItems.Add(step.Review(ReviewKind.DoubtfulConfirmed, doubt.CandidateId, doubt.Distance)).Entity;
            if (asked is null) step.Event(Integrations.WebhookEvents.ReviewCreated, doubt.CandidateId, () => CheckReviews.EventData(step.Settings, item));
            item.Kind = ReviewKind.DoubtfulConfirmed;
            item.RecordId = await step.Db.AttendanceRecords.Where(r => r.PersonId == doubt.CandidateId).OrderByDescending(r => r.Id).Select(r => r.Id).FirstAsync(step.CancellationToken);
            await step.Db.SaveChangesAsync(step.CancellationToken);
            return result with { ReviewItemId = item.Id };
        }, cancellationToken);

    public async Task DeclineAsync(DoubtfulMatch doubt, CheckContext context, CancellationToken cancellationToken = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (await QuestionAsync(db, doubt, cancellationToken) is { } item)
            {
                item.Kind = ReviewKind.DoubtfulDeclined;
                await db.SaveChangesAsync(cancellationToken);
            }
            else
            {
                await reviews.AddAsync(ReviewKind.DoubtfulDeclined, context, doubt.CandidateId, doubt.Distance, cancellationToken);
            }
        }
        logger.LogInformation("A doubtful match to person {PersonId} at distance {Distance} was declined at {Device}", doubt.CandidateId, doubt.Distance, context.Device);
    }

    /// <summary>The question's own item, while it still waits for its answer.</summary>
    private static Task<ReviewItem?> QuestionAsync(AttendanceDbContext db, DoubtfulMatch doubt, CancellationToken cancellationToken) =>
        doubt.ReviewItemId is { } id
            ? db.ReviewItems.SingleOrDefaultAsync(r => r.Id == id && r.Kind == ReviewKind.DoubtfulAsked && r.State == ReviewState.Open, cancellationToken)
            : Task.FromResult<ReviewItem?>(null);
}
