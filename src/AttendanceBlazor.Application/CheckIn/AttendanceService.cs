using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Application.Faces;
using AttendanceBlazor.Application.People;
using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using AttendanceBlazor.Recognition.Matching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Application.CheckIn;

/// <summary>
/// The attendance rules, behind the kiosk, the REST API and the PIN check-in. The path of a still, as a reader would
/// draw it: the name policy (<see cref="PersonName"/>), one analysis (<see cref="StillAnalyzer"/>, off any circuit),
/// one decision (a person for sure, a person in doubt, nobody, or too close to call: <see cref="Decide"/>), one write
/// (check in, check out, or register and check in, in one transaction, at the moment the still arrived). The short
/// decide-and-write step is serialised, so that simultaneous stills of one person make exactly one change.
/// </summary>
public sealed class AttendanceService(
    IDbContextFactory<AttendanceDbContext> dbFactory,
    StillAnalyzer analyzer,
    FaceGallery gallery,
    AttendanceSettings settingsProvider,
    PinHasher pinHasher,
    IOptions<AttendanceOptions> options,
    TimeProvider time,
    Diagnostics.AttendanceMetrics metrics,
    ILogger<AttendanceService> logger) : IDisposable
{
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    /// <summary>Stills from the REST API: the name policy, the analysis of each still, then the decision.</summary>
    public async Task<CheckResult> CheckInOrOutAsync(CheckRequest request, CancellationToken cancellationToken = default)
    {
        var at = request.AtUtc ?? time.GetUtcNow().UtcDateTime;
        // A resend of a request that recorded something: its outcome again, before any work.
        if (request.IdempotencyKey is { } key && await Idempotency.FindAsync(dbFactory, request.Device, key, at, cancellationToken) is { } kept) return kept;
        if (request.Images.Count > CheckRequest.MaxImages) return new(CheckOutcome.TooManyImages) { FaceCount = request.Images.Count };
        // A person who said no is not processed at all: no face analysed, nothing stored (ADR 011).
        if (request.Consent == false) return new(CheckOutcome.ConsentDeclined);
        PersonName? name = null;
        if (!string.IsNullOrWhiteSpace(request.Name))
        {
            (name, var problem) = PersonName.Parse(request.Name, options.Value.MaxNameLength);
            if (name is null) return new(CheckOutcome.BadName) { NameProblem = problem };
        }
        var faces = new List<AnalyzedFace>(request.Images.Count);
        foreach (var image in request.Images)
        {
            var still = await AnalyzeAsync(image, cancellationToken);
            if (still.Face is not { } face) return Refusal(still);
            faces.Add(face);
        }
        var context = new CheckContext(request.Source, request.Device, at, request.Consent, request.ConsentVersion) { IdempotencyKey = request.IdempotencyKey };
        return await CheckInOrOutAsync(faces, name, context, cancellationToken);
    }

    /// <summary>The one analysis of a still; the kiosk keeps its face from the first capture to a registration.</summary>
    public Task<AnalyzedStill> AnalyzeAsync(ReadOnlyMemory<byte> still, CancellationToken cancellationToken = default) =>
        analyzer.AnalyzeAsync(still, cancellationToken);

    /// <summary>Why an analysed still gave no face to decide on.</summary>
    public static CheckResult Refusal(AnalyzedStill still) => new(still.Problem switch
    {
        StillProblem.ImageTooLarge => CheckOutcome.ImageTooLarge,
        StillProblem.TooDark => CheckOutcome.TooDark,
        StillProblem.Blurred => CheckOutcome.Blurred,
        StillProblem.SeveralFaces => CheckOutcome.SeveralFaces,
        StillProblem.NoFace => CheckOutcome.NoFace,
        StillProblem.Busy => CheckOutcome.Busy,
        _ => CheckOutcome.BadImage,
    })
    { FaceCount = still.FaceCount, Detail = still.Detail };

    /// <summary>A face that came alone (the kiosk's capture).</summary>
    public Task<CheckResult> CheckInOrOutAsync(AnalyzedFace face, PersonName? name, CheckContext context, CancellationToken cancellationToken = default) =>
        CheckInOrOutAsync([face], name, context, cancellationToken);

    /// <summary>
    /// Decides on analysed faces of one person and writes. A face known for sure checks in or out (and must match the
    /// name, when one is given). A face in doubt is answered as doubtful without a name; with a name (someone
    /// registering) it is held for HR as a lookalike. An unknown face with a name is registered and checked in;
    /// without a name it is answered as unknown.
    /// </summary>
    public async Task<CheckResult> CheckInOrOutAsync(IReadOnlyList<AnalyzedFace> faces, PersonName? name, CheckContext context, CancellationToken cancellationToken = default)
    {
        if (faces.Count == 0) return new(CheckOutcome.NoFace);
        var settings = await settingsProvider.GetAsync(cancellationToken);
        if (!SamePerson(faces, settings.MatchThreshold)) return new(CheckOutcome.DifferentPeople) { FaceCount = faces.Count };
        var probe = Mean(faces);
        var decision = Decide(probe, settings);
        var thumbnail = faces[0].Thumbnail;
        CheckResult decided;
        switch (decision.Kind)
        {
            case DecisionKind.Ambiguous:
                return new(CheckOutcome.Ambiguous) { FaceJpeg = thumbnail };
            case DecisionKind.Doubtful when name is null:
                return new(CheckOutcome.Doubtful) { FaceJpeg = thumbnail, Doubt = await DoubtAsync(decision, cancellationToken) };
            case DecisionKind.Sure:
                decided = await WriteAsync(ct => dbFactory.InTransactionAsync((db, t) => CheckKnownAsync(db, decision.PersonId, decision.Distance, name, context, settings, t), ct), context, cancellationToken);
                break;
            default:
                if (name is null) return new(CheckOutcome.UnknownFace) { FaceJpeg = thumbnail };
                decided = await WriteAsync(async ct =>
                {
                    // Decided again behind the gate: the same new face registered a moment ago by another kiosk (or
                    // request) is somebody now, not a second new person.
                    var again = Decide(probe, settings);
                    return again.Kind switch
                    {
                        DecisionKind.Sure => await dbFactory.InTransactionAsync((db, t) => CheckKnownAsync(db, again.PersonId, again.Distance, name, context, settings, t), ct),
                        DecisionKind.Ambiguous => new CheckResult(CheckOutcome.Ambiguous),
                        _ => await RegisterAsync(faces, name, again, context, settings, ct),
                    };
                }, context, cancellationToken);
                break;
        }
        return decided with { FaceJpeg = thumbnail };
    }

    /// <summary>
    /// The person at the kiosk said yes to "Are you ...?": the event is recorded for the candidate, at the moment the
    /// still arrived, and put on HR's review list beside it.
    /// </summary>
    public async Task<CheckResult> ConfirmDoubtfulAsync(DoubtfulMatch doubt, CheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = await settingsProvider.GetAsync(cancellationToken);
        return await WriteAsync(ct => dbFactory.InTransactionAsync(async (db, t) =>
        {
            var result = await CheckKnownAsync(db, doubt.CandidateId, doubt.Distance, null, context, settings, t);
            if (result.Succeeded)
            {
                var record = await db.AttendanceRecords.Where(r => r.PersonId == doubt.CandidateId).OrderByDescending(r => r.Id).Select(r => r.Id).FirstAsync(t);
                var item = Review(ReviewKind.DoubtfulConfirmed, context, doubt.CandidateId, doubt.Distance);
                item.RecordId = record;
                db.ReviewItems.Add(item);
                await db.SaveChangesAsync(t);
                result = result with { ReviewItemId = item.Id };
            }
            return result;
        }, ct), context, cancellationToken);
    }

    /// <summary>
    /// The person at the kiosk said no to "Are you ...?": nothing is recorded for the candidate; HR's review list
    /// gets the event (time, device, candidate, distance; no still).
    /// </summary>
    public async Task DeclineDoubtfulAsync(DoubtfulMatch doubt, CheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.ReviewItems.Add(Review(ReviewKind.DoubtfulDeclined, context, doubt.CandidateId, doubt.Distance));
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("A doubtful match to person {PersonId} at distance {Distance} was declined at {Device}", doubt.CandidateId, doubt.Distance, context.Device);
    }

    /// <summary>Three failed liveness challenges at a kiosk: HR's list shows when and where (no frame is kept).</summary>
    public async Task RecordLivenessFailureAsync(CheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var item = Review(ReviewKind.LivenessFailed, context, 0, 0);
        item.Distance = null;
        db.ReviewItems.Add(item);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Check in or out with name and PIN, for people who declined face recognition. Every failure gives the same
    /// answer (BadPin), whether the name is unknown, the PIN wrong, or the PIN locked, and costs the same work: one
    /// PBKDF2 check and one counted attempt for the typed name (PinAttempt), so neither the answer nor its timing
    /// tells whether a name exists. Wrong PINs lock the name for PinLockout, doubling with each lockout; after
    /// MaxPinLockouts only HR unlocks it (a new PIN).
    /// </summary>
    public async Task<CheckResult> CheckInOrOutWithPinAsync(string? name, string? pin, string? device, CancellationToken cancellationToken = default)
    {
        var at = time.GetUtcNow().UtcDateTime;
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrEmpty(pin)) return new(CheckOutcome.PinIncomplete);
        if (name.Length > options.Value.MaxNameLength || pin.Length > PinPolicy.MaxLength) return new(CheckOutcome.BadPin);
        var normalized = PersonName.NormalizeForLookup(name);
        var settings = await settingsProvider.GetAsync(cancellationToken);

        // The hash check (PBKDF2, tens of milliseconds) runs before the write gate, so it never holds up other
        // check-ins; only the short decide-and-write step below is serialised.
        string? pinHash;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            pinHash = await db.People.Where(p => p.NormalizedName == normalized && p.ErasedUtc == null).Select(p => p.PinHash).SingleOrDefaultAsync(cancellationToken);
        }
        // On the thread pool, like recognition: never on a circuit.
        var (pinMatches, upgrade) = await Task.Run(() => pinHasher.Verify(pinHash, pin), cancellationToken);
        var upgraded = upgrade ? await Task.Run(() => pinHasher.Hash(pin), cancellationToken) : null;

        var context = new CheckContext(AttendanceSource.Pin, device, at);
        return await WriteAsync(ct => dbFactory.InTransactionAsync(async (db, t) =>
        {
            var attempt = await db.PinAttempts.SingleOrDefaultAsync(a => a.NormalizedName == normalized, t);
            var locked = attempt?.LockedUntilUtc is { } until && until > at;
            var person = pinHash is null ? null : await db.People.SingleOrDefaultAsync(p => p.NormalizedName == normalized && p.ErasedUtc == null, t);
            // (A PIN changed or removed while it was being checked is judged by the current one next time.)
            if (locked || !pinMatches || person is null || person.PinHash != pinHash)
            {
                if (!locked) CountWrongPin(db, attempt, normalized, at, device);
                await db.SaveChangesAsync(t);
                return new CheckResult(CheckOutcome.BadPin);
            }
            if (attempt is not null) db.PinAttempts.Remove(attempt);
            if (upgraded is not null) person.PinHash = upgraded;
            if (!person.IsActive)
            {
                await db.SaveChangesAsync(t);
                return new CheckResult(CheckOutcome.Inactive);
            }
            return await ToggleAsync(db, person, null, context, settings, t);
        }, ct), context, cancellationToken);
    }

    private void CountWrongPin(AttendanceDbContext db, PinAttempt? attempt, string normalized, DateTime at, string? device)
    {
        if (attempt is null)
        {
            attempt = new PinAttempt { NormalizedName = normalized };
            db.PinAttempts.Add(attempt);
        }
        attempt.LastFailureUtc = at;
        attempt.FailedAttempts++;
        if (attempt.FailedAttempts < options.Value.MaxPinAttempts) return;
        attempt.FailedAttempts = 0;
        attempt.Lockouts++;
        attempt.LockedUntilUtc = attempt.Lockouts >= options.Value.MaxPinLockouts
            ? PinAttempt.UntilHrUnlocks
            : at + options.Value.PinLockout * Math.Pow(2, attempt.Lockouts - 1);
        logger.LogWarning("A PIN was locked (lockout {Lockouts}) after repeated wrong PINs at {Device}", attempt.Lockouts, device);
    }

    private enum DecisionKind
    {
        Unknown,
        Sure,
        Doubtful,
        Ambiguous,
    }

    /// <summary>A decision; <see cref="NearSomeone"/>: unknown, but within the ambiguity margin beyond the match threshold of someone.</summary>
    private readonly record struct Decision(DecisionKind Kind, int PersonId, float Distance, bool NearSomeone = false);

    /// <summary>
    /// Who a probe is, at the settings in force: within the sure threshold of one person (and not too close to a
    /// second), sure; up to the match threshold, doubtful; two people within the match threshold and the ambiguity
    /// margin, ambiguous; else unknown. Inactive people are in the index too, so their face is never unknown.
    /// </summary>
    private Decision Decide(float[] probe, EffectiveSettings settings)
    {
        var match = gallery.Identify(probe, settings.MatchThreshold);
        return match.Status switch
        {
            MatchStatus.Ambiguous => new(DecisionKind.Ambiguous, match.Person, (float)match.Distance),
            MatchStatus.Match when match.Distance <= settings.SureThreshold => new(DecisionKind.Sure, match.Person, (float)match.Distance),
            MatchStatus.Match => new(DecisionKind.Doubtful, match.Person, (float)match.Distance),
            MatchStatus.NoMatch when match.Distance <= settings.MatchThreshold + gallery.Index.AmbiguityMargin =>
                new(DecisionKind.Unknown, match.Person, (float)match.Distance, NearSomeone: true),
            _ => new(DecisionKind.Unknown, 0, (float)match.Distance),
        };
    }

    private async Task<DoubtfulMatch> DoubtAsync(Decision decision, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var name = await db.People.Where(p => p.Id == decision.PersonId).Select(p => p.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? "";
        var thumbnail = await db.FaceTemplates.Where(t => t.PersonId == decision.PersonId && t.Thumbnail != null)
            .OrderByDescending(t => t.Id).Select(t => t.Thumbnail).FirstOrDefaultAsync(cancellationToken);
        return new DoubtfulMatch(decision.PersonId, name, decision.Distance, thumbnail);
    }

    /// <summary>
    /// One decide-and-write at a time in this process (the gate), and the database as the guard across processes: a
    /// write that lost a race with another node (the person's version changed, or SQLite's snapshot went stale) is
    /// decided again on fresh data, which then sees the other node's event (duplicate window, in or out).
    /// </summary>
    private async Task<CheckResult> WriteAsync(Func<CancellationToken, Task<CheckResult>> write, CheckContext context, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    // The same Idempotency-Key sent twice at once: the copy that waited (here, or lost the key's row to
                    // another node) finds the first one's outcome instead of deciding again.
                    if (context.IdempotencyKey is { } key && await Idempotency.FindAsync(dbFactory, context.Device, key, context.AtUtc, cancellationToken) is { } kept) return kept;
                    var result = await write(cancellationToken);
                    // Counted once it is committed: a write that lost a race and was decided again counts once.
                    if (!result.Replayed) metrics.Decided(result.Outcome, context.Source);
                    return result;
                }
                catch (Exception ex) when (attempt < MaxWriteAttempts && DatabaseErrors.IsLostRace(ex))
                {
                    logger.LogInformation("A check-in lost a race with another writer; deciding again (attempt {Attempt})", attempt + 1);
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 25) * attempt), cancellationToken);
                }
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private const int MaxWriteAttempts = 8;

    private async Task<CheckResult> CheckKnownAsync(AttendanceDbContext db, int personId, float distance, PersonName? name, CheckContext context, EffectiveSettings settings, CancellationToken cancellationToken)
    {
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId && p.ErasedUtc == null, cancellationToken);
        if (person is null || !person.IsActive) return new(CheckOutcome.Inactive) { Name = person?.DisplayName, PersonId = person?.Id };
        if (name is not null && name.Normalized != person.NormalizedName)
        {
            // Nobody checks in under another person's name.
            return new(CheckOutcome.FaceBelongsToSomeoneElse) { Name = name.Display };
        }
        return await ToggleAsync(db, person, distance, context, settings, cancellationToken);
    }

    /// <summary>
    /// Checks a person the caller has already identified in or out (a personal check-in: the account says who, the
    /// face or the button was checked by the caller). Behind the write gate, like every other check-in.
    /// </summary>
    public async Task<CheckResult> CheckInOrOutKnownAsync(int personId, float? distance, CheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = await settingsProvider.GetAsync(cancellationToken);
        return await WriteAsync(ct => dbFactory.InTransactionAsync(async (db, t) =>
        {
            var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId && p.ErasedUtc == null, t);
            if (person is null) return new CheckResult(CheckOutcome.NotLinked);
            if (!person.IsActive) return new CheckResult(CheckOutcome.Inactive) { Name = person.DisplayName, PersonId = person.Id };
            return await ToggleAsync(db, person, distance, context, settings, t);
        }, ct), context, cancellationToken);
    }

    /// <summary>
    /// The state change itself, at the moment the still arrived: check out if the person is in, else check in. A
    /// still that arrived within the duplicate window of the person's last event, or before it (it waited behind
    /// that event's write), changes nothing.
    /// </summary>
    private async Task<CheckResult> ToggleAsync(AttendanceDbContext db, Person person, float? distance, CheckContext context, EffectiveSettings settings, CancellationToken cancellationToken)
    {
        var at = context.AtUtc;
        var lastEvent = await db.AttendanceRecords.Where(r => r.PersonId == person.Id)
            .MaxAsync(r => (DateTime?)(r.CheckOutUtc ?? r.CheckInUtc), cancellationToken);
        var window = context.UnaskedRepeatWindow is { } unasked && unasked > settings.DuplicateWindow ? unasked : settings.DuplicateWindow;
        if (lastEvent is { } last && (at <= last || at - last < window))
        {
            // A copy of this very request, committed by another node after this one looked for its key: its outcome.
            if (context.IdempotencyKey is { } key && await Idempotency.FindAsync(db, context.Device, key, at, cancellationToken) is { } kept) return kept;
            return new(CheckOutcome.Duplicate)
            {
                Name = person.DisplayName, PersonId = person.Id, LastEventLocalTime = settings.ToLocal(last), DuplicateWindow = settings.DuplicateWindow,
                IsIn = await db.AttendanceRecords.AnyAsync(r => r.PersonId == person.Id && r.CheckOutUtc == null, cancellationToken),
            };
        }

        var open = await db.AttendanceRecords.SingleOrDefaultAsync(r => r.PersonId == person.Id && r.CheckOutUtc == null, cancellationToken);
        CheckOutcome outcome;
        ForgottenCheckOut? forgotten = null;
        if (open is not null)
        {
            open.CheckOutUtc = at;
            open.CheckOutMatchDistance = distance;
            open.CheckOutSource = context.Source;
            open.CheckOutDevice = context.Device;
            open.CheckOutAddress = context.Address;
            open.CheckOutRemote = context.Remote;
            open.CheckOutLocation = context.Location;
            outcome = CheckOutcome.CheckedOut;
        }
        else
        {
            // Before the new record exists: was the last one closed automatically? Then the person is asked.
            forgotten = await ForgottenCheckOuts.LastUnansweredAsync(db, person.Id, settings, cancellationToken);
            db.AttendanceRecords.Add(new AttendanceRecord
            {
                PersonId = person.Id, CheckInUtc = at, Source = context.Source, Device = context.Device, MatchDistance = distance,
                CheckInAddress = context.Address, CheckInRemote = context.Remote, CheckInLocation = context.Location,
            });
            outcome = CheckOutcome.CheckedIn;
        }
        // The person's row is the lock across processes: its version changes with every event, so of two nodes that
        // decided on the same stale state, the second one's save is refused and WriteAsync decides again (ADR 014).
        person.Version = Guid.NewGuid();
        var result = new CheckResult(outcome) { Name = person.DisplayName, PersonId = person.Id, LocalTime = settings.ToLocal(at), Forgotten = forgotten };
        Idempotency.Keep(db, context, result);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Person {PersonId} {Outcome} via {Source} {Device} at distance {Distance}", person.Id, outcome, context.Source, context.Device, distance);
        return result;
    }

    /// <summary>
    /// Registers a new face under a name: one template per face. A face within the match threshold of anyone, active
    /// or not (a doubtful match, or a former colleague), is not registered silently: it waits on HR's list.
    /// </summary>
    private async Task<CheckResult> RegisterAsync(IReadOnlyList<AnalyzedFace> faces, PersonName name, Decision decision, CheckContext context, EffectiveSettings settings, CancellationToken cancellationToken)
    {
        if (context.Consent != true && (context.Source == AttendanceSource.Kiosk || (context.Source == AttendanceSource.Api && options.Value.Api.RequireConsent)))
        {
            // At the kiosk the person reads and ticks the consent themselves; without it no face is stored.
            return new(CheckOutcome.ConsentRequired);
        }
        try
        {
            var (result, template) = await dbFactory.InTransactionAsync(async (db, ct) =>
            {
                if (await db.TakenByAsync(name, null, ct) is not null) return (new CheckResult(CheckOutcome.NameTaken) { Name = name.Display }, (List<FaceTemplate>?)null);
                if (decision.Kind == DecisionKind.Doubtful || decision.NearSomeone)
                {
                    var held = await HoldAsync(db, faces, name, decision, context, ct);
                    return (new CheckResult(CheckOutcome.Lookalike) { Name = name.Display, ReviewItemId = held }, null);
                }
                return await RegisterAsync(db, faces, name, context, settings, ct);
            }, cancellationToken);
            // The index follows only a committed registration.
            if (template is not null)
            {
                for (var i = 0; i < template.Count; i++) gallery.Add(template[i].Id, template[i].PersonId, faces[i].Descriptor);
                logger.LogInformation("Person {PersonId} registered and checked in via {Source} {Device}", result.PersonId, context.Source, context.Device);
            }
            return result;
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            // The same Idempotency-Key registered a moment ago (its copy won the key's row): that outcome.
            if (context.IdempotencyKey is { } key && await Idempotency.FindAsync(dbFactory, context.Device, key, context.AtUtc, cancellationToken) is { } kept) return kept;
            // Another writer (another app instance) registered the same name a moment ago; the unique index refused this one.
            return new(CheckOutcome.NameTaken) { Name = name.Display };
        }
    }

    private async Task<(CheckResult, List<FaceTemplate>?)> RegisterAsync(AttendanceDbContext db, IReadOnlyList<AnalyzedFace> faces, PersonName name, CheckContext context, EffectiveSettings settings, CancellationToken cancellationToken)
    {
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
        var templates = faces.Select(face => new FaceTemplate
        {
            Person = person,
            Descriptor = FaceTemplate.FromVector(face.Descriptor),
            ModelId = analyzer.ModelId,
            Quality = (float)face.Box.Score,
            CreatedUtc = at,
            Thumbnail = options.Value.KeepThumbnails ? face.Thumbnail : null,
        }).ToList();
        // One thumbnail is enough to recognise someone in a list.
        foreach (var extra in templates.Skip(1)) extra.Thumbnail = null;
        db.People.Add(person);
        db.FaceTemplates.AddRange(templates);
        db.AttendanceRecords.Add(new AttendanceRecord { Person = person, CheckInUtc = at, Source = context.Source, Device = context.Device });
        // Saved first so the audit entry can name the person's id; both are in the caller's transaction.
        await db.SaveChangesAsync(cancellationToken);
        db.AddAudit(time, Actor.Device(context.Source, context.Device), AuditEntities.Person, person.Id, AuditActions.Register, null,
            new { name = name.Display, source = context.Source.ToString(), context.Device, templates = templates.Count });
        db.FaceIndexChanged(time.GetUtcNow().UtcDateTime, person.Id);
        var result = new CheckResult(CheckOutcome.Registered) { Name = name.Display, PersonId = person.Id, LocalTime = settings.ToLocal(at) };
        Idempotency.Keep(db, context, result);
        await db.SaveChangesAsync(cancellationToken);
        return (result, templates);
    }

    /// <summary>A registration that waits for HR: the name, the faces (the person consented to keeping them), the candidate.</summary>
    private async Task<long> HoldAsync(AttendanceDbContext db, IReadOnlyList<AnalyzedFace> faces, PersonName name, Decision decision, CheckContext context, CancellationToken cancellationToken)
    {
        var item = Review(ReviewKind.PendingRegistration, context, decision.PersonId, decision.Distance);
        item.PendingName = name.Display;
        item.PendingDescriptors = faces.SelectMany(f => FaceTemplate.FromVector(f.Descriptor)).ToArray();
        item.PendingThumbnail = options.Value.KeepThumbnails && context.Consent == true ? faces[0].Thumbnail : null;
        item.ConsentVersion = context.Consent == true ? context.ConsentVersion ?? options.Value.ConsentVersion : null;
        item.ConsentUtc = context.Consent == true ? context.AtUtc : null;
        db.ReviewItems.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        // Kept like an event: a resend must not put a second registration on HR's list.
        Idempotency.Keep(db, context, new CheckResult(CheckOutcome.Lookalike) { Name = name.Display, ReviewItemId = item.Id });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("A registration close to person {PersonId} (distance {Distance}) waits for HR via {Source} {Device}", decision.PersonId, decision.Distance, context.Source, context.Device);
        return item.Id;
    }

    private static ReviewItem Review(ReviewKind kind, CheckContext context, int candidate, float distance) => new()
    {
        Kind = kind,
        AtUtc = context.AtUtc,
        Source = context.Source,
        Device = context.Device,
        CandidatePersonId = candidate == 0 ? null : candidate,
        Distance = distance,
    };

    /// <summary>Whether every face is within the match threshold of the first: several stills of one request are of one person.</summary>
    private static bool SamePerson(IReadOnlyList<AnalyzedFace> faces, double threshold) =>
        faces.Skip(1).All(f => FaceIndex<int>.Distance(f.Descriptor, faces[0].Descriptor) <= threshold);

    /// <summary>The mean descriptor of one person's stills: more stills, less noise.</summary>
    private static float[] Mean(IReadOnlyList<AnalyzedFace> faces)
    {
        if (faces.Count == 1) return faces[0].Descriptor;
        var mean = new float[faces[0].Descriptor.Length];
        foreach (var face in faces)
        {
            for (var i = 0; i < mean.Length; i++) mean[i] += face.Descriptor[i] / faces.Count;
        }
        return mean;
    }

    public void Dispose() => _writeGate.Dispose();
}
