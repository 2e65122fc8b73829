using System.Globalization;
using System.Net;
using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Application.Faces;
using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using AttendanceBlazor.Recognition.Matching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AttendanceBlazor.Application.CheckIn;

/// <summary>
/// Check-in from one's own browser tab. The account says who it should be, so the face is verified 1:1 against that
/// person's own templates at the match threshold (the sure band is for 1:N searches); it never registers a face. A
/// face that is not theirs records nothing and leaves an audit entry. The Settings policy decides whether it is
/// allowed at all, whether a plain button (no face) may stand in, and what an address outside the allowed networks
/// gets (refused, or recorded as remote).
/// </summary>
public sealed class PersonalCheckIn(
    IDbContextFactory<AttendanceDbContext> dbFactory,
    CheckInWriter writer,
    AttendanceSettings settingsProvider,
    TimeProvider time,
    CheckReviews reviews,
    ILogger<PersonalCheckIn> logger)
{
    /// <summary>
    /// A liveness challenge on the own tab that failed its last try, or was met with a replayed recording: on HR's
    /// list, under the account's person, as the kiosk puts its own.
    /// </summary>
    public async Task ChallengeFailedAsync(string? userId, bool replayed, CancellationToken cancellationToken = default)
    {
        int? personId;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            personId = await db.People.Where(p => p.UserId == userId && p.ErasedUtc == null).Select(p => (int?)p.Id).SingleOrDefaultAsync(cancellationToken);
        }
        var context = new CheckContext(AttendanceSource.Personal, "personal", time.GetUtcNow().UtcDateTime);
        await reviews.AddAsync(replayed ? ReviewKind.LivenessReplayed : ReviewKind.LivenessFailed, context, personId, cancellationToken: cancellationToken);
    }

    /// <summary>What the check-in control shows to the user <paramref name="userId"/> at <paramref name="address"/>.</summary>
    public async Task<PersonalState> StateAsync(string? userId, IPAddress? address, CancellationToken cancellationToken = default)
    {
        var settings = await settingsProvider.GetAsync(cancellationToken);
        if (settings.PersonalCheckIn == PersonalCheckInPolicy.Off || string.IsNullOrEmpty(userId)) return PersonalState.Hidden;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.AsNoTracking().Where(p => p.UserId == userId && p.ErasedUtc == null)
            .Select(p => new { p.Id, p.IsActive, HasFace = p.Templates.Any(), IsIn = p.Records.Any(r => r.CheckOutUtc == null) })
            .SingleOrDefaultAsync(cancellationToken);
        if (person is null || !person.IsActive) return PersonalState.Hidden;
        var outside = settings.IsOutside(address);
        return new PersonalState(true, person.IsIn, person.HasFace, settings.PersonalCheckIn == PersonalCheckInPolicy.FaceOrButton,
            outside && settings.OutsideNetworks == OutsideNetworkPolicy.Refuse, outside, settings.AskLocation);
    }

    /// <summary>Checks the account's person in or out by their face (analysed, and where required proven live, by the caller).</summary>
    public async Task<CheckResult> WithFaceAsync(string? userId, AnalyzedFace face, PersonalRequest request, CancellationToken cancellationToken = default)
    {
        var (refusal, person, settings, context) = await PrepareAsync(userId, request, AttendanceSource.Personal, cancellationToken);
        if (refusal is not null) return refusal;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var templates = await db.FaceTemplates.AsNoTracking().Where(t => t.PersonId == person!.Id).ToListAsync(cancellationToken);
            if (templates.Count == 0) return new CheckResult(CheckOutcome.NoFaceRegistered);
            var distance = templates.Min(t => FaceIndex<int>.Distance(face.Descriptor, t.ToVector()));
            if (distance > settings!.MatchThreshold)
            {
                db.AddAudit(time, request.Actor, AuditEntities.Person, person!.Id, AuditActions.PersonalFaceMismatch, null,
                    new { distance = Math.Round(distance, 3), threshold = settings.MatchThreshold, address = context!.Address, remote = context.Remote });
                await db.SaveChangesAsync(cancellationToken);
                logger.LogWarning("Personal check-in of person {PersonId} refused: the face is {Distance:0.000} from theirs", person.Id, distance);
                return new CheckResult(CheckOutcome.NotYourFace);
            }
            return await WriteAsync(person!.Id, (float)distance, context!, cancellationToken);
        }
    }

    /// <summary>Checks the account's person in or out with the plain button, where Settings allow it.</summary>
    public async Task<CheckResult> WithButtonAsync(string? userId, PersonalRequest request, CancellationToken cancellationToken = default)
    {
        var (refusal, person, settings, context) = await PrepareAsync(userId, request, AttendanceSource.PersonalButton, cancellationToken);
        if (refusal is not null) return refusal;
        if (settings!.PersonalCheckIn != PersonalCheckInPolicy.FaceOrButton) return new CheckResult(CheckOutcome.PersonalCheckInOff);
        return await WriteAsync(person!.Id, null, context!, cancellationToken);
    }

    /// <summary>The account's person, identified by the caller (the face or the button was checked above), in or out.</summary>
    private Task<CheckResult> WriteAsync(int personId, float? distance, CheckContext context, CancellationToken cancellationToken) =>
        writer.WriteAsync(context, async step =>
        {
            var person = await step.PersonAsync(personId);
            if (person is null) return new CheckResult(CheckOutcome.NotLinked);
            if (!person.IsActive) return new CheckResult(CheckOutcome.Inactive) { Name = person.DisplayName, PersonId = person.Id };
            return await step.ToggleAsync(person, distance);
        }, cancellationToken);

    private async Task<(CheckResult? Refusal, Person? Person, EffectiveSettings? Settings, CheckContext? Context)> PrepareAsync(
        string? userId, PersonalRequest request, AttendanceSource source, CancellationToken cancellationToken)
    {
        var settings = await settingsProvider.GetAsync(cancellationToken);
        if (settings.PersonalCheckIn == PersonalCheckInPolicy.Off) return (new CheckResult(CheckOutcome.PersonalCheckInOff), null, null, null);
        if (string.IsNullOrEmpty(userId)) return (new CheckResult(CheckOutcome.NotLinked), null, null, null);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId && p.ErasedUtc == null, cancellationToken);
        if (person is null) return (new CheckResult(CheckOutcome.NotLinked), null, null, null);
        var outside = settings.IsOutside(request.Address);
        if (outside && settings.OutsideNetworks == OutsideNetworkPolicy.Refuse)
        {
            logger.LogInformation("Personal check-in of person {PersonId} refused from outside the allowed networks", person.Id);
            return (new CheckResult(CheckOutcome.OutsideAllowedNetworks), null, null, null);
        }
        var context = new CheckContext(source, "personal", request.ArrivedUtc ?? time.GetUtcNow().UtcDateTime)
        {
            Address = request.Address?.ToString(),
            Remote = outside,
            // Only what Settings ask for is kept, whatever the page sent.
            Location = settings.AskLocation ? request.Location : null,
        };
        return (null, person, settings, context);
    }

    /// <summary>"latitude,longitude,accuracy" from the browser's numbers, or null when they are not a place on Earth.</summary>
    public static string? FormatLocation(double latitude, double longitude, double accuracyMeters) =>
        latitude is >= -90 and <= 90 && longitude is >= -180 and <= 180 && accuracyMeters is >= 0 and < 1_000_000
            ? string.Create(CultureInfo.InvariantCulture, $"{latitude:0.#####},{longitude:0.#####},{accuracyMeters:0}")
            : null;
}
