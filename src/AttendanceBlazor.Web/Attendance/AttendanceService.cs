using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using AttendanceBlazor.Recognition.Imaging;
using AttendanceBlazor.Recognition.Matching;
using AttendanceBlazor.Recognition.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Web.Attendance;

public enum CheckOutcome
{
    CheckedIn,
    CheckedOut,
    Registered,
    Duplicate,
    UnknownFace,
    NameTaken,
    FaceBelongsToSomeoneElse,
    Ambiguous,
    Inactive,
    NoFace,
    SeveralFaces,
    BadImage,
    ImageTooLarge,
    BadName,
    ConsentRequired,
    BadPin,
    PinLocked,
    TooDark,
    Blurred,
}

/// <summary>A still to check in or out with, and, for a new person, the name to register.</summary>
public sealed record CheckRequest(
    ReadOnlyMemory<byte> Image,
    string? Name,
    AttendanceSource Source,
    string? Device,
    bool? Consent = null,
    string? ConsentVersion = null);

/// <summary>What happened, in words a person understands, with the HTTP status the REST API answers.</summary>
public sealed record CheckResult(CheckOutcome Outcome, string Message, string? Name = null, DateTime? TimeUtc = null, string? LocalTime = null,
    int? PersonId = null, DateTime? LastEventUtc = null, string? LastEventLocalTime = null, FaceBox? Face = null)
{
    /// <summary>A small JPEG of the face the decision was about, for the kiosk's result card; never stored.</summary>
    public byte[]? FaceJpeg { get; init; }

    public bool Succeeded => Outcome is CheckOutcome.CheckedIn or CheckOutcome.CheckedOut or CheckOutcome.Registered;

    public string Action => Outcome switch
    {
        CheckOutcome.CheckedIn => "check_in",
        CheckOutcome.CheckedOut => "check_out",
        CheckOutcome.Registered => "register_and_check_in",
        _ => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(Outcome.ToString()),
    };

    public int StatusCode => Outcome switch
    {
        CheckOutcome.CheckedIn or CheckOutcome.CheckedOut or CheckOutcome.Registered => 200,
        CheckOutcome.Duplicate or CheckOutcome.NameTaken or CheckOutcome.FaceBelongsToSomeoneElse or CheckOutcome.Ambiguous or CheckOutcome.Inactive => 409,
        CheckOutcome.ImageTooLarge => 413,
        CheckOutcome.PinLocked => 429,
        _ => 400,
    };
}

/// <summary>
/// The attendance rules, behind both the kiosk and the REST API: recognise the face, then check in, check out, or
/// register and check in, inside one transaction. Recognition runs on the thread pool, off any circuit; the short
/// decide-and-write step is serialised so that simultaneous stills of one person make exactly one change.
/// </summary>
public sealed class AttendanceService(
    IDbContextFactory<AttendanceDbContext> dbFactory,
    FaceEngine engine,
    FaceGallery gallery,
    AttendanceSettings settingsProvider,
    IOptions<AttendanceOptions> options,
    TimeProvider time,
    ILogger<AttendanceService> logger)
{
    private static readonly SemaphoreSlim WriteGate = new(1, 1);

    public async Task<CheckResult> CheckInOrOutAsync(CheckRequest request, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        string? name = null;
        if (request.Name is not null)
        {
            name = string.Join(' ', request.Name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (name.Length == 0) name = null;
            else if (name.Length > o.MaxNameLength)
                return new(CheckOutcome.BadName, $"the name is too long: {name.Length} characters, at most {o.MaxNameLength}");
            else if (name.Any(char.IsControl))
                return new(CheckOutcome.BadName, "the name contains control characters");
        }

        FaceAnalysis analysis;
        try
        {
            analysis = await Task.Run(() => engine.Analyze(request.Image.Span, null, cancellationToken), cancellationToken);
        }
        catch (ImageDecodeException ex)
        {
            return new(ex.Error == ImageError.TooManyBytes ? CheckOutcome.ImageTooLarge : CheckOutcome.BadImage, ex.Message);
        }

        var faces = analysis.Faces.OrderByDescending(f => f.Box.Area).ToList();
        if (faces.Count == 0)
        {
            // Say why, when the still itself explains it; a person can fix light or focus, not "no face".
            var quality = ImageQuality.Measure(analysis.Image);
            if (quality.MeanLuma < o.TooDarkLuma)
                return new(CheckOutcome.TooDark, "no face found: the image is too dark; turn on a light or face towards it");
            // A blurred scene still has light and shade; a blank wall or a covered lens has neither and is just "no face".
            if (quality.Sharpness < o.BlurredSharpness && quality.Contrast >= 15)
                return new(CheckOutcome.Blurred, "no face found: the image is blurred; hold still and check that the camera is in focus");
            return new(CheckOutcome.NoFace, "no face found in the image");
        }
        if (faces.Count > 1 && faces[0].Box.Area < o.LargestFaceRatio * faces[1].Box.Area)
        {
            return new(CheckOutcome.SeveralFaces, $"{faces.Count} faces in the image: one person at a time", Face: faces[0].Box);
        }
        var face = faces[0];

        var settings = await settingsProvider.GetAsync(cancellationToken);
        gallery.Index.Threshold = settings.MatchThreshold;
        var match = gallery.Index.Identify(face.Descriptor);
        if (match.Status == MatchStatus.Ambiguous)
        {
            return new(CheckOutcome.Ambiguous, "the face is too close to more than one registered person to tell them apart; please ask HR", Face: face.Box);
        }

        await WriteGate.WaitAsync(cancellationToken);
        CheckResult decided;
        try
        {
            decided = match.IsMatch
                ? await CheckKnownAsync(match.Person, (float)match.Distance, name, request, settings, face, cancellationToken)
                : await RegisterAsync(name, request, settings, face, analysis.Image, cancellationToken);
        }
        finally
        {
            WriteGate.Release();
        }
        return request.Source == AttendanceSource.Kiosk ? decided with { FaceJpeg = ThumbnailOf(analysis.Image, face) } : decided;
    }

    /// <summary>
    /// Check in or out with name and PIN, for people who declined face recognition. Wrong PINs count towards a
    /// lockout; the answer never says whether the name or the PIN was wrong.
    /// </summary>
    public async Task<CheckResult> CheckInOrOutWithPinAsync(string? name, string? pin, string? device, CancellationToken cancellationToken = default)
    {
        const string wrong = "name or PIN not recognised";
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrEmpty(pin)) return new(CheckOutcome.BadPin, "type your name and your PIN");
        if (name.Length > options.Value.MaxNameLength || pin.Length > 8) return new(CheckOutcome.BadPin, wrong);
        var normalized = Person.Normalize(name);
        var settings = await settingsProvider.GetAsync(cancellationToken);

        // The hash check (PBKDF2, tens of milliseconds) runs before the write gate, so it never holds up other
        // check-ins; only the short decide-and-write step below is serialised.
        string? pinHash;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            pinHash = await db.People.Where(p => p.NormalizedName == normalized && p.ErasedUtc == null).Select(p => p.PinHash).SingleOrDefaultAsync(cancellationToken);
        }
        // An unknown name costs the same hash as a known one, so timing does not tell whether the name exists.
        // On the thread pool, like recognition: never on a kiosk's circuit.
        var pinMatches = await Task.Run(() => People.PeopleService.PinHasher.VerifyHashedPassword(PinSubject, pinHash ?? DummyPinHash, pin)
            != Microsoft.AspNetCore.Identity.PasswordVerificationResult.Failed, cancellationToken);
        if (pinHash is null) return new(CheckOutcome.BadPin, wrong);

        await WriteGate.WaitAsync(cancellationToken);
        try
        {
            return await dbFactory.InTransactionAsync(async (db, ct) =>
            {
                var person = await db.People.SingleOrDefaultAsync(p => p.NormalizedName == normalized && p.ErasedUtc == null, ct);
                // The PIN was changed or removed while it was being checked: judge by the current one next time.
                if (person is null || person.PinHash != pinHash) return new CheckResult(CheckOutcome.BadPin, wrong);
                var now = time.GetUtcNow().UtcDateTime;
                if (person.PinLockedUntilUtc is { } until && until > now)
                {
                    return new CheckResult(CheckOutcome.PinLocked, $"too many wrong PINs: try again after {settings.Format(until)[11..16]} or ask HR");
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
                    return new CheckResult(CheckOutcome.BadPin, wrong);
                }
                if (!person.IsActive) return new CheckResult(CheckOutcome.Inactive, "this person is no longer active; please ask HR");
                person.PinFailedAttempts = 0;
                person.PinLockedUntilUtc = null;
                return await ToggleAsync(db, person, null, AttendanceSource.Pin, device, settings, null, ct);
            }, cancellationToken);
        }
        finally
        {
            WriteGate.Release();
        }
    }

    /// <summary>The hasher ignores the user object for its format; one placeholder serves every check.</summary>
    private static readonly Person PinSubject = new() { DisplayName = "", NormalizedName = "" };

    private static readonly string DummyPinHash = People.PeopleService.PinHasher.HashPassword(PinSubject, "00000000");

    private Task<CheckResult> CheckKnownAsync(int personId, float distance, string? name, CheckRequest request, EffectiveSettings settings, DetectedFace face, CancellationToken cancellationToken) =>
        dbFactory.InTransactionAsync((db, ct) => CheckKnownAsync(db, personId, distance, name, request, settings, face, ct), cancellationToken);

    private async Task<CheckResult> CheckKnownAsync(AttendanceDbContext db, int personId, float distance, string? name, CheckRequest request, EffectiveSettings settings, DetectedFace face, CancellationToken cancellationToken)
    {
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null || !person.IsActive)
        {
            return new(CheckOutcome.Inactive, "this person is no longer active; please ask HR", Face: face.Box);
        }
        if (name is not null && Person.Normalize(name) != person.NormalizedName)
        {
            return new(CheckOutcome.FaceBelongsToSomeoneElse,
                $"this face belongs to a registered person who is not '{name}'; nobody can check in under another person's name", Face: face.Box);
        }

        return await ToggleAsync(db, person, distance, request.Source, request.Device, settings, face.Box, cancellationToken);
    }

    /// <summary>The state change itself: check out if the person is in, else check in; a repeat within the duplicate window changes nothing.</summary>
    private async Task<CheckResult> ToggleAsync(AttendanceDbContext db, Person person, float? distance, AttendanceSource source, string? device, EffectiveSettings settings, FaceBox? box, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var lastEvent = await db.AttendanceRecords.Where(r => r.PersonId == person.Id)
            .MaxAsync(r => (DateTime?)(r.CheckOutUtc ?? r.CheckInUtc), cancellationToken);
        if (lastEvent is { } last && now - last < settings.DuplicateWindow)
        {
            return new(CheckOutcome.Duplicate,
                $"{person.DisplayName} was already recorded at {settings.Format(last)}; nothing changed (events within {settings.DuplicateWindow.TotalSeconds:0} s count once)",
                person.DisplayName, PersonId: person.Id, LastEventUtc: last, LastEventLocalTime: settings.Format(last), Face: box);
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
                PersonId = person.Id, CheckInUtc = now, Source = source, Device = device, MatchDistance = distance,
            });
            outcome = CheckOutcome.CheckedIn;
        }
        await db.SaveChangesAsync(cancellationToken);
        var verb = outcome == CheckOutcome.CheckedIn ? "checked in" : "checked out";
        logger.LogInformation("Person {PersonId} {Action} via {Source} {Device} at distance {Distance}", person.Id, verb, source, device, distance);
        return new(outcome, $"{person.DisplayName} {verb} successfully", person.DisplayName, now, settings.Format(now), person.Id, Face: box);
    }

    private async Task<CheckResult> RegisterAsync(string? name, CheckRequest request, EffectiveSettings settings, DetectedFace face, RgbImage image, CancellationToken cancellationToken)
    {
        if (name is null)
        {
            return new(CheckOutcome.UnknownFace, "unknown face: send a name to register", Face: face.Box);
        }
        var normalized = Person.Normalize(name);
        if (request.Source == AttendanceSource.Api && options.Value.Api.RequireConsent && request.Consent != true)
        {
            return new(CheckOutcome.ConsentRequired, "registration needs the person's consent: send consent=true with the name", Face: face.Box);
        }
        if (request.Source == AttendanceSource.Kiosk && request.Consent != true)
        {
            // At the kiosk the person reads and ticks the consent themselves; without it no face is stored.
            return new(CheckOutcome.ConsentRequired, "please read and tick the consent to register your face", Face: face.Box);
        }
        FaceTemplate? template = null;
        CheckResult result;
        try
        {
            result = await dbFactory.InTransactionAsync(async (db, ct) =>
            {
                template = null;
                var registered = await RegisterAsync(db, name, normalized, request, settings, face, image, ct);
                template = db.ChangeTracker.Entries<FaceTemplate>().Select(e => e.Entity).SingleOrDefault();
                return registered;
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another writer (another app instance on SQL Server) registered the same name a moment ago; the
            // unique index refused this one.
            if (await NameExistsAsync(normalized, cancellationToken))
            {
                return new(CheckOutcome.NameTaken, $"the name '{name}' was just registered by someone else; nothing was registered", Face: face.Box);
            }
            throw;
        }
        // The index follows only a committed registration.
        if (result.Outcome == CheckOutcome.Registered && template is not null)
        {
            gallery.Index.Add(template.Id, template.PersonId, face.Descriptor);
            logger.LogInformation("Person {PersonId} registered and checked in via {Source} {Device}", template.PersonId, request.Source, request.Device);
        }
        return result;
    }

    private async Task<CheckResult> RegisterAsync(AttendanceDbContext db, string name, string normalized, CheckRequest request, EffectiveSettings settings, DetectedFace face, RgbImage image, CancellationToken cancellationToken)
    {
        if (await db.People.AnyAsync(p => p.NormalizedName == normalized, cancellationToken))
        {
            return new(CheckOutcome.NameTaken,
                $"the name '{name}' belongs to a registered person whose face does not match this one; nothing was registered", Face: face.Box);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var person = new Person
        {
            DisplayName = name,
            NormalizedName = normalized,
            CreatedUtc = now,
            ConsentVersion = request.ConsentVersion,
            ConsentUtc = request.Consent == true || request.Source == AttendanceSource.Api ? now : null,
            ConsentSource = request.Source == AttendanceSource.Api
                ? $"collected by device {request.Device ?? "(unnamed)"}" + (request.Consent == true ? " (consent=true sent)" : "")
                : request.Device,
        };
        var template = new FaceTemplate
        {
            Person = person,
            Descriptor = FaceTemplate.FromVector(face.Descriptor),
            ModelId = engine.ModelId,
            Quality = (float)face.Box.Score,
            CreatedUtc = now,
            Thumbnail = options.Value.KeepThumbnails ? ThumbnailOf(image, face) : null,
        };
        db.People.Add(person);
        db.FaceTemplates.Add(template);
        db.AttendanceRecords.Add(new AttendanceRecord { Person = person, CheckInUtc = now, Source = request.Source, Device = request.Device });
        // Saved first so the audit entry can name the person's id; both are in the caller's transaction.
        await db.SaveChangesAsync(cancellationToken);
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = now, UserName = request.Device ?? request.Source.ToString(), EntityType = nameof(Person),
            EntityId = person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Action = "register", NewValues = System.Text.Json.JsonSerializer.Serialize(new { name, source = request.Source.ToString(), request.Device }),
        });
        await db.SaveChangesAsync(cancellationToken);
        return new(CheckOutcome.Registered, $"{name} registered and checked in successfully", name, now, settings.Format(now), person.Id, Face: face.Box);
    }

    private async Task<bool> NameExistsAsync(string normalized, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.People.AnyAsync(p => p.NormalizedName == normalized, cancellationToken);
    }

    private static byte[] ThumbnailOf(RgbImage image, DetectedFace face)
    {
        // A little margin around the face box, 160 px at most: enough to recognise someone in a list, no more.
        var margin = 0.2;
        var box = face.Box;
        var region = new PixelRect(
            (int)Math.Floor(box.X - box.Width * margin), (int)Math.Floor(box.Y - box.Height * margin),
            (int)Math.Ceiling(box.Width * (1 + 2 * margin)), (int)Math.Ceiling(box.Height * (1 + 2 * margin)));
        return image.EncodeJpegCrop(region, 160);
    }
}
