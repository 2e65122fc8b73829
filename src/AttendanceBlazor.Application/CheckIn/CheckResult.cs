using AttendanceBlazor.Application.Faces;
using AttendanceBlazor.Application.People;

namespace AttendanceBlazor.Application.CheckIn;

/// <summary>
/// What happened to a check-in attempt, with the values the kiosk and the REST API put into words: the outcome, the
/// person, the local times. No prose and no status codes: each host maps the outcome itself.
/// </summary>
public sealed record CheckResult(CheckOutcome Outcome)
{
    /// <summary>The person's name; for <see cref="CheckOutcome.NameTaken"/> and <see cref="CheckOutcome.FaceBelongsToSomeoneElse"/>, the name that was sent.</summary>
    public string? Name { get; init; }

    public int? PersonId { get; init; }

    /// <summary>When the event was recorded, in the configured time zone.</summary>
    public DateTime? LocalTime { get; init; }

    /// <summary>For a duplicate: the event it repeats, in the configured time zone, and the window it fell in.</summary>
    public DateTime? LastEventLocalTime { get; init; }

    public TimeSpan DuplicateWindow { get; init; }

    /// <summary>
    /// For a check-in: the person's previous record, closed automatically and not yet answered for; the kiosk and the
    /// personal check-in ask "When did you leave?" (the REST API does not).
    /// </summary>
    public ForgottenCheckOut? Forgotten { get; init; }

    /// <summary>For a duplicate: whether the event it repeats left the person checked in (else checked out).</summary>
    public bool IsIn { get; init; }

    /// <summary>For several faces: how many.</summary>
    public int FaceCount { get; init; }

    /// <summary>For an unreadable or oversized image: the decoder's reason.</summary>
    public string? Detail { get; init; }

    public NameProblem? NameProblem { get; init; }

    /// <summary>For a doubtful face: whom it was close to, for the kiosk's question.</summary>
    public DoubtfulMatch? Doubt { get; init; }

    /// <summary>The review item the attempt put on HR's list (a held registration), if any.</summary>
    public long? ReviewItemId { get; init; }

    /// <summary>A small JPEG of the face the decision was about, for the kiosk's result card; never stored from here.</summary>
    public byte[]? FaceJpeg { get; init; }

    /// <summary>The outcome kept under the request's Idempotency-Key, given again: nothing was recorded this time.</summary>
    public bool Replayed { get; init; }

    /// <summary>For <see cref="CheckOutcome.Busy"/>: when to try again, from the queue ahead.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public bool Succeeded => Outcome is CheckOutcome.CheckedIn or CheckOutcome.CheckedOut or CheckOutcome.Registered;

    /// <summary>Whether the write step recorded something: an event, or a registration held for HR.</summary>
    public bool Recorded => Succeeded || Outcome == CheckOutcome.Lookalike;

    /// <summary>Why an analysed still gave no face to decide on.</summary>
    public static CheckResult Refused(AnalyzedStill still) => new(still.Problem switch
    {
        StillProblem.ImageTooLarge => CheckOutcome.ImageTooLarge,
        StillProblem.TooDark => CheckOutcome.TooDark,
        StillProblem.Blurred => CheckOutcome.Blurred,
        StillProblem.SeveralFaces => CheckOutcome.SeveralFaces,
        StillProblem.NoFace => CheckOutcome.NoFace,
        StillProblem.Busy => CheckOutcome.Busy,
        _ => CheckOutcome.BadImage,
    })
    { FaceCount = still.FaceCount, Detail = still.Detail, RetryAfter = still.RetryAfter };

    /// <summary>Every analysis slot is taken for longer than this press may wait: try again after <paramref name="retryAfter"/>.</summary>
    public static CheckResult Busy(TimeSpan retryAfter) => new(CheckOutcome.Busy) { RetryAfter = retryAfter };
}
