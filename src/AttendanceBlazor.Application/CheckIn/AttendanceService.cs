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
/// one decision (who is it: a person, nobody, or too close to call), one write (check in, check out, or register
/// and check in, in one transaction). The short decide-and-write step is serialised, so that simultaneous stills of
/// one person make exactly one change.
/// </summary>
public sealed class AttendanceService(
    IDbContextFactory<AttendanceDbContext> dbFactory,
    StillAnalyzer analyzer,
    FaceGallery gallery,
    AttendanceSettings settingsProvider,
    IOptions<AttendanceOptions> options,
    TimeProvider time,
    ILogger<AttendanceService> logger) : IDisposable
{
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    /// <summary>A still from the REST API: the name policy, the analysis, then the decision.</summary>
    public async Task<CheckResult> CheckInOrOutAsync(CheckRequest request, CancellationToken cancellationToken = default)
    {
        PersonName? name = null;
        if (!string.IsNullOrWhiteSpace(request.Name))
        {
            (name, var problem) = PersonName.Parse(request.Name, options.Value.MaxNameLength);
            if (name is null) return new(CheckOutcome.BadName) { NameProblem = problem };
        }
        var still = await AnalyzeAsync(request.Image, cancellationToken);
        if (still.Face is not { } face) return Refusal(still);
        return await CheckInOrOutAsync(face, name, request.Context, cancellationToken);
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
        _ => CheckOutcome.BadImage,
    })
    { FaceCount = still.FaceCount, Detail = still.Detail };

    /// <summary>
    /// Decides on an analysed face and writes: a known face checks in or out (and must match the name, when one is
    /// given); an unknown face with a name is registered and checked in; without a name it is answered as unknown.
    /// </summary>
    public async Task<CheckResult> CheckInOrOutAsync(AnalyzedFace face, PersonName? name, CheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = await settingsProvider.GetAsync(cancellationToken);
        var match = gallery.Identify(face.Descriptor, settings.MatchThreshold);
        if (match.Status == MatchStatus.Ambiguous) return new(CheckOutcome.Ambiguous) { FaceJpeg = face.Thumbnail };

        await _writeGate.WaitAsync(cancellationToken);
        CheckResult decided;
        try
        {
            decided = match.IsMatch
                ? await dbFactory.InTransactionAsync((db, ct) => CheckKnownAsync(db, match.Person, (float)match.Distance, name, context, settings, ct), cancellationToken)
                : await RegisterAsync(face, name, context, settings, cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
        return decided with { FaceJpeg = face.Thumbnail };
    }

    /// <summary>
    /// Check in or out with name and PIN, for people who declined face recognition. Wrong PINs count towards a
    /// lockout; the answer never says whether the name or the PIN was wrong.
    /// </summary>
    public async Task<CheckResult> CheckInOrOutWithPinAsync(string? name, string? pin, string? device, CancellationToken cancellationToken = default)
    {
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
        // An unknown name costs the same hash as a known one. On the thread pool, like recognition: never on a circuit.
        var pinMatches = await Task.Run(() => PinPolicy.Verify(pinHash, pin), cancellationToken);
        if (pinHash is null) return new(CheckOutcome.BadPin);

        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            return await dbFactory.InTransactionAsync(async (db, ct) =>
            {
                var person = await db.People.SingleOrDefaultAsync(p => p.NormalizedName == normalized && p.ErasedUtc == null, ct);
                // The PIN was changed or removed while it was being checked: judge by the current one next time.
                if (person is null || person.PinHash != pinHash) return new CheckResult(CheckOutcome.BadPin);
                var now = time.GetUtcNow().UtcDateTime;
                if (person.PinLockedUntilUtc is { } until && until > now)
                {
                    return new CheckResult(CheckOutcome.PinLocked) { LockedUntilLocal = settings.ToLocal(until) };
                }
                if (!pinMatches)
                {
                    person.PinFailedAttempts++;
                    if (person.PinFailedAttempts >= options.Value.MaxPinAttempts)
                    {
                        person.PinFailedAttempts = 0;
                        person.PinLockedUntilUtc = now + options.Value.PinLockout;
                        logger.LogWarning("PIN of person {PersonId} locked after repeated wrong PINs at {Device}", person.Id, device);
                    }
                    await db.SaveChangesAsync(ct);
                    return new CheckResult(CheckOutcome.BadPin);
                }
                if (!person.IsActive) return new CheckResult(CheckOutcome.Inactive);
                person.PinFailedAttempts = 0;
                person.PinLockedUntilUtc = null;
                return await ToggleAsync(db, person, null, new CheckContext(AttendanceSource.Pin, device), settings, ct);
            }, cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task<CheckResult> CheckKnownAsync(AttendanceDbContext db, int personId, float distance, PersonName? name, CheckContext context, EffectiveSettings settings, CancellationToken cancellationToken)
    {
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null || !person.IsActive) return new(CheckOutcome.Inactive);
        if (name is not null && name.Normalized != person.NormalizedName)
        {
            // Nobody checks in under another person's name.
            return new(CheckOutcome.FaceBelongsToSomeoneElse) { Name = name.Display };
        }
        return await ToggleAsync(db, person, distance, context, settings, cancellationToken);
    }

    /// <summary>The state change itself: check out if the person is in, else check in; a repeat within the duplicate window changes nothing.</summary>
    private async Task<CheckResult> ToggleAsync(AttendanceDbContext db, Person person, float? distance, CheckContext context, EffectiveSettings settings, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var lastEvent = await db.AttendanceRecords.Where(r => r.PersonId == person.Id)
            .MaxAsync(r => (DateTime?)(r.CheckOutUtc ?? r.CheckInUtc), cancellationToken);
        if (lastEvent is { } last && now - last < settings.DuplicateWindow)
        {
            return new(CheckOutcome.Duplicate)
            {
                Name = person.DisplayName, PersonId = person.Id, LastEventLocalTime = settings.ToLocal(last), DuplicateWindow = settings.DuplicateWindow,
            };
        }

        var open = await db.AttendanceRecords.SingleOrDefaultAsync(r => r.PersonId == person.Id && r.CheckOutUtc == null, cancellationToken);
        CheckOutcome outcome;
        if (open is not null)
        {
            open.CheckOutUtc = now;
            open.CheckOutMatchDistance = distance;
            outcome = CheckOutcome.CheckedOut;
        }
        else
        {
            db.AttendanceRecords.Add(new AttendanceRecord
            {
                PersonId = person.Id, CheckInUtc = now, Source = context.Source, Device = context.Device, MatchDistance = distance,
            });
            outcome = CheckOutcome.CheckedIn;
        }
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Person {PersonId} {Outcome} via {Source} {Device} at distance {Distance}", person.Id, outcome, context.Source, context.Device, distance);
        return new(outcome) { Name = person.DisplayName, PersonId = person.Id, LocalTime = settings.ToLocal(now) };
    }

    private async Task<CheckResult> RegisterAsync(AnalyzedFace face, PersonName? name, CheckContext context, EffectiveSettings settings, CancellationToken cancellationToken)
    {
        if (name is null) return new(CheckOutcome.UnknownFace);
        if (context.Consent != true && (context.Source == AttendanceSource.Kiosk || (context.Source == AttendanceSource.Api && options.Value.Api.RequireConsent)))
        {
            // At the kiosk the person reads and ticks the consent themselves; without it no face is stored.
            return new(CheckOutcome.ConsentRequired);
        }
        (CheckResult Result, FaceTemplate? Template) registered;
        try
        {
            registered = await dbFactory.InTransactionAsync((db, ct) => RegisterAsync(db, name, face, context, settings, ct), cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            // Another writer (another app instance) registered the same name a moment ago; the unique index refused this one.
            return new(CheckOutcome.NameTaken) { Name = name.Display };
        }
        // The index follows only a committed registration.
        if (registered.Template is { } template)
        {
            gallery.Add(template.Id, template.PersonId, face.Descriptor);
            logger.LogInformation("Person {PersonId} registered and checked in via {Source} {Device}", template.PersonId, context.Source, context.Device);
        }
        return registered.Result;
    }

    private async Task<(CheckResult, FaceTemplate?)> RegisterAsync(AttendanceDbContext db, PersonName name, AnalyzedFace face, CheckContext context, EffectiveSettings settings, CancellationToken cancellationToken)
    {
        if (await db.People.AnyAsync(p => p.NormalizedName == name.Normalized, cancellationToken))
        {
            return (new(CheckOutcome.NameTaken) { Name = name.Display }, null);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var person = new Person
        {
            DisplayName = name.Display,
            NormalizedName = name.Normalized,
            CreatedUtc = now,
            ConsentVersion = context.ConsentVersion,
            ConsentUtc = context.Consent == true || context.Source == AttendanceSource.Api ? now : null,
            ConsentSource = context.Source == AttendanceSource.Api
                ? $"collected by device {context.Device ?? "(unnamed)"}" + (context.Consent == true ? " (consent=true sent)" : "")
                : context.Device,
        };
        var template = new FaceTemplate
        {
            Person = person,
            Descriptor = FaceTemplate.FromVector(face.Descriptor),
            ModelId = analyzer.ModelId,
            Quality = (float)face.Box.Score,
            CreatedUtc = now,
            Thumbnail = options.Value.KeepThumbnails ? face.Thumbnail : null,
        };
        db.People.Add(person);
        db.FaceTemplates.Add(template);
        db.AttendanceRecords.Add(new AttendanceRecord { Person = person, CheckInUtc = now, Source = context.Source, Device = context.Device });
        // Saved first so the audit entry can name the person's id; both are in the caller's transaction.
        await db.SaveChangesAsync(cancellationToken);
        db.AddAudit(time, Actor.Device(context.Source, context.Device), AuditEntities.Person, person.Id, AuditActions.Register, null,
            new { name = name.Display, source = context.Source.ToString(), context.Device });
        await db.SaveChangesAsync(cancellationToken);
        return (new(CheckOutcome.Registered) { Name = name.Display, PersonId = person.Id, LocalTime = settings.ToLocal(now) }, template);
    }

    public void Dispose() => _writeGate.Dispose();
}
