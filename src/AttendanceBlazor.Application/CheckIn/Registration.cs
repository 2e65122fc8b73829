using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Application.Faces;
using AttendanceBlazor.Application.People;
using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using AttendanceBlazor.Recognition.Matching;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Application.CheckIn;

/// <summary>
/// Registers a new face under a name and checks the person in: one template per face, the consent given, an audit
/// entry. A face within the match threshold of anyone, active or not (a doubtful match, or a former colleague), is not
/// registered silently: it waits on HR's list. Decided again in the write step, so the same new face registered a
/// moment ago by another kiosk (or request) is somebody now, not a second new person.
/// </summary>
public sealed class Registration(
    CheckInWriter writer,
    FaceDecider decider,
    FaceGallery gallery,
    StillAnalyzer analyzer,
    IOptions<AttendanceOptions> options,
    TimeProvider time,
    ILogger<Registration> logger)
{
    /// <summary>
    /// How close a fresh still at registration must be to the face asked about: the same person, a few seconds later,
    /// is well within 0.4 (../shared/faces-pose: 0.35 within a sequence); a different person is not.
    /// </summary>
    public const double SameFaceDistance = 0.45;

    /// <summary>
    /// The kiosk's registration: the face asked about, and the good ones of the fresh stills taken at *Register*; null
    /// when none of them shows that face (the previous person walked away and someone else pressed).
    /// </summary>
    public static IReadOnlyList<AnalyzedFace>? WithFreshStills(AnalyzedFace asked, IEnumerable<AnalyzedFace> fresh)
    {
        var same = fresh.Where(f => FaceIndex<int>.Distance(f.Descriptor, asked.Descriptor) <= SameFaceDistance).ToList();
        return same.Count == 0 ? null : [asked, .. same.Where(RegistrationQuality.IsGood)];
    }

    public async Task<CheckResult> RegisterAsync(IReadOnlyList<AnalyzedFace> faces, PersonName name, CheckContext context, CancellationToken cancellationToken = default)
    {
        if (context.Consent != true && (context.Source == AttendanceSource.Kiosk || (context.Source == AttendanceSource.Api && options.Value.Api.RequireConsent)))
        {
            // At the kiosk the person reads and ticks the consent themselves; without it no face is stored.
            return new(CheckOutcome.ConsentRequired);
        }
        var probe = FaceDecider.Mean(faces);
        return await writer.WriteAsync(context, async step =>
        {
            var decision = decider.Decide(probe, step.Settings);
            if (decision.Kind == DecisionKind.Sure) return await FaceCheckIn.KnownAsync(step, decision, name);
            if (decision.Kind == DecisionKind.Ambiguous) return new CheckResult(CheckOutcome.Ambiguous);
            // A name taken now (or by a writer that committed first: the writer decides again and lands here).
            if (await step.Db.TakenByAsync(name, null, step.CancellationToken) is not null)
            {
                // Someone HR added before their first day, with no face yet: whoever types that name is not taken for
                // them; the registration waits for HR, who confirms it is them (the face then becomes theirs).
                if (await FacelessAsync(step, name) is { } waiting) return await HoldAsync(step, faces, name, decision with { PersonId = waiting, Distance = float.NaN });
                return new CheckResult(CheckOutcome.NameTaken) { Name = name.Display };
            }
            if (decision.Kind == DecisionKind.Doubtful || decision.NearSomeone) return await HoldAsync(step, faces, name, decision);
            return await AddAsync(step, faces, name);
        }, cancellationToken);
    }

    /// <summary>The person of that name who has no face and no PIN yet (added by HR), or null.</summary>
    internal static Task<int?> FacelessAsync(WriteStep step, PersonName name) =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
            step.Db.People.Where(p => p.NormalizedName == name.Normalized && p.ErasedUtc == null && p.PinHash == null && !p.Templates.Any()).Select(p => (int?)p.Id),
            step.CancellationToken);

    private async Task<CheckResult> AddAsync(WriteStep step, IReadOnlyList<AnalyzedFace> faces, PersonName name)
    {
        var (db, context, ct) = (step.Db, step.Context, step.CancellationToken);
        var at = context.AtUtc;
        var person = new Person
        {
            DisplayName = name.Display,
            NormalizedName = name.Normalized,
            CreatedUtc = at,
            // Consent is recorded only when it was given: a device that sends no consent field (the seed's clients)
            // registers the person with no consent time, and HR sees "consent not recorded" (ADR 011).
            ConsentVersion = context.Consent == true ? context.ConsentVersion ?? options.Value.ConsentVersion : null,
            ConsentUtc = context.Consent == true ? at : null,
            ConsentSource = context.Source == AttendanceSource.Api
                ? $"device {context.Device ?? "(unnamed)"}" + (context.Consent == true ? " (consent=true sent)" : " (no consent sent)")
                : context.Device,
        };
        var templates = faces.Select((face, i) => new FaceTemplate
        {
            Person = person,
            Descriptor = FaceTemplate.FromVector(face.Descriptor),
            ModelId = analyzer.ModelId,
            Quality = (float)face.Box.Score,
            CreatedUtc = at,
            // One thumbnail is enough to recognise someone in a list.
            Thumbnail = i == 0 && options.Value.KeepThumbnails ? face.Thumbnail : null,
        }).ToList();
        db.People.Add(person);
        db.FaceTemplates.AddRange(templates);
        var record = new AttendanceRecord { Person = person, CheckInUtc = at, Source = context.Source, Device = context.Device };
        db.AttendanceRecords.Add(record);
        // person.registered, then attendance.checked_in: a receiver meets the person before their first record.
        step.Event(Integrations.WebhookEvents.Registered, () => person.Id, () => new
        {
            person_id = person.Id, name = person.DisplayName, source = context.Source.ToString(), device = context.Device,
            time_local = Integrations.Outbox.When(step.Settings, at).Local, time_utc = Integrations.Outbox.When(step.Settings, at).Utc,
        });
        step.Event(Integrations.WebhookEvents.CheckedIn, () => person.Id, () => Integrations.Outbox.Record(step.Settings, record, person.DisplayName));
        // Saved first so the audit entry can name the person's id; both are in the write step's transaction.
        await db.SaveChangesAsync(ct);
        // The frames of the challenge this face passed are the new person's: they go with their erasure.
        if (faces[0].LivePress is { } press) await Liveness.ReplayGuard.ClaimAsync(db, press, person.Id, ct);
        db.AddAudit(time, Actor.Device(context.Source, context.Device), AuditEntities.Person, person.Id, AuditActions.Register, null,
            new { name = name.Display, source = context.Source.ToString(), context.Device, templates = templates.Count });
        db.FaceIndexChanged(time.GetUtcNow().UtcDateTime, person.Id);
        // The index follows only a committed registration.
        step.AfterCommit(() =>
        {
            for (var i = 0; i < templates.Count; i++) gallery.Add(templates[i].Id, templates[i].PersonId, faces[i].Descriptor);
            logger.LogInformation("Person {PersonId} registered and checked in via {Source} {Device}", person.Id, context.Source, context.Device);
        });
        return new CheckResult(CheckOutcome.Registered) { Name = name.Display, PersonId = person.Id, LocalTime = step.Settings.ToLocal(at) };
    }

    /// <summary>A registration that waits for HR: the name, the faces (the person consented to keeping them), the candidate.</summary>
    private async Task<CheckResult> HoldAsync(WriteStep step, IReadOnlyList<AnalyzedFace> faces, PersonName name, Decision decision)
    {
        var context = step.Context;
        var item = step.Review(ReviewKind.PendingRegistration, decision.PersonId, float.IsNaN(decision.Distance) ? null : decision.Distance);
        item.PendingName = name.Display;
        item.PendingDescriptors = faces.SelectMany(f => FaceTemplate.FromVector(f.Descriptor)).ToArray();
        item.PendingThumbnail = options.Value.KeepThumbnails && context.Consent == true ? faces[0].Thumbnail : null;
        item.ConsentVersion = context.Consent == true ? context.ConsentVersion ?? options.Value.ConsentVersion : null;
        item.ConsentUtc = context.Consent == true ? context.AtUtc : null;
        step.Db.ReviewItems.Add(item);
        await step.Db.SaveChangesAsync(step.CancellationToken);
        step.Event(Integrations.WebhookEvents.ReviewCreated, item.CandidatePersonId, () => CheckReviews.EventData(step.Settings, item));
        logger.LogInformation("A registration close to person {PersonId} (distance {Distance}) waits for HR via {Source} {Device}", decision.PersonId, decision.Distance, context.Source, context.Device);
        return new CheckResult(CheckOutcome.Lookalike) { Name = name.Display, ReviewItemId = item.Id };
    }
}
