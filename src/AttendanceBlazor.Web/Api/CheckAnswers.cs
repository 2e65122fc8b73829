using System.Globalization;
using System.Text.Json;
using AttendanceBlazor.Application.CheckIn;
using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Web.Text;

namespace AttendanceBlazor.Web.Api;

/// <summary>
/// How the REST API answers a check-in outcome: the status code, the `action` or `outcome` word and the message,
/// exactly as the original API worded them (integrators match on them).
/// </summary>
public static class CheckAnswers
{
    public static int StatusCode(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.CheckedIn or CheckOutcome.CheckedOut or CheckOutcome.Registered => StatusCodes.Status200OK,
        CheckOutcome.Duplicate or CheckOutcome.NameTaken or CheckOutcome.FaceBelongsToSomeoneElse or CheckOutcome.Ambiguous or CheckOutcome.Inactive
            or CheckOutcome.Doubtful or CheckOutcome.Lookalike => StatusCodes.Status409Conflict,
        CheckOutcome.ImageTooLarge => StatusCodes.Status413PayloadTooLarge,
        CheckOutcome.Busy => StatusCodes.Status503ServiceUnavailable,
        CheckOutcome.IdempotencyKeyReused => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status400BadRequest,
    };

    public static string Action(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.CheckedIn => "check_in",
        CheckOutcome.CheckedOut => "check_out",
        CheckOutcome.Registered => "register_and_check_in",
        _ => JsonNamingPolicy.SnakeCaseLower.ConvertName(outcome.ToString()),
    };

    /// <summary>
    /// The machine-readable reason of a 409 that did not exist in the original API (it adds a `code` field; the older
    /// answers keep theirs exactly as they were).
    /// </summary>
    public static string? Code(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Doubtful => "doubtful_match",
        CheckOutcome.Lookalike => "lookalike",
        CheckOutcome.Inactive => "inactive_person",
        CheckOutcome.IdempotencyKeyReused => "idempotency_key_reused",
        _ => null,
    };

    /// <summary>A local time as the API writes it.</summary>
    public static string Timestamp(DateTime local) => local.ToString(EffectiveSettings.TimestampFormat, CultureInfo.InvariantCulture);

    public static string Message(CheckResult r) => r.Outcome switch
    {
        CheckOutcome.CheckedIn => $"{r.Name} checked in successfully",
        CheckOutcome.CheckedOut => $"{r.Name} checked out successfully",
        CheckOutcome.Registered => $"{r.Name} registered and checked in successfully",
        CheckOutcome.Duplicate =>
            $"{r.Name} was already recorded at {Timestamp(r.LastEventLocalTime!.Value)}; nothing changed (events within {r.DuplicateWindow.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s count once)",
        CheckOutcome.UnknownFace => "unknown face: send a name to register",
        CheckOutcome.NameTaken => $"the name '{r.Name}' belongs to a registered person whose face does not match this one; nothing was registered",
        CheckOutcome.FaceBelongsToSomeoneElse => $"this face belongs to a registered person who is not '{r.Name}'; nobody can check in under another person's name",
        CheckOutcome.Ambiguous => "the face is too close to more than one registered person to tell them apart; please ask HR",
        CheckOutcome.Inactive => "this person is no longer active; please ask HR",
        // The candidate is never named: a device that sends a stranger's face learns nothing about who is registered.
        CheckOutcome.Doubtful => "the face is close to a registered person, but not close enough to be sure; nothing was recorded: send more stills of the face (up to 5 'image' parts), or check in at a kiosk",
        CheckOutcome.Lookalike => "this face is close to someone already registered; the registration waits for HR to confirm it, nothing else was recorded",
        CheckOutcome.DifferentPeople => "the images show different people: send stills of one person only",
        CheckOutcome.TooManyImages => $"{r.FaceCount} images: send at most {CheckRequest.MaxImages}",
        CheckOutcome.NoFace => "no face found in the image",
        CheckOutcome.TooDark => "no face found: the image is too dark; turn on a light or face towards it",
        CheckOutcome.Blurred => "no face found: the image is blurred; hold still and check that the camera is in focus",
        CheckOutcome.SeveralFaces => $"{r.FaceCount} faces in the image: one person at a time",
        CheckOutcome.BadImage or CheckOutcome.ImageTooLarge => r.Detail ?? "the image could not be read",
        CheckOutcome.BadName => Lowercase(OutcomeText.Name(Localization.English.Instance, r.NameProblem)),
        CheckOutcome.ConsentRequired => "registration needs the person's consent: send consent=true with the name",
        CheckOutcome.PinIncomplete => "type your name and your PIN",
        CheckOutcome.BadPin => "name or PIN not recognised",
        CheckOutcome.Busy => $"the server is recognising as many faces as it can; nothing was recorded, please try again in {Seconds(r.RetryAfter)} s",
        CheckOutcome.ConsentDeclined => "consent=false: the person did not consent, so the image was not processed and nothing was stored",
        CheckOutcome.IdempotencyKeyReused => "this Idempotency-Key was already used for a different request (other images, name or consent); nothing was processed or recorded: send a new key for a new request",
        _ => JsonNamingPolicy.SnakeCaseLower.ConvertName(r.Outcome.ToString()),
    };

    private static int Seconds(TimeSpan? wait) => (int)Math.Max(1, Math.Ceiling((wait ?? TimeSpan.FromSeconds(5)).TotalSeconds));

    /// <summary>The API's messages are lower case without a final stop, as they always were.</summary>
    private static string Lowercase(string sentence) => char.ToLowerInvariant(sentence[0]) + sentence[1..].TrimEnd('.');
}
