using System.ComponentModel.DataAnnotations;

namespace AttendanceBlazor.Application.Settings;

/// <summary>Defaults of section "Attendance"; the Settings row in the database may override some of them.</summary>
public sealed class AttendanceOptions : IValidatableObject
{
    public const string Section = "Attendance";

    /// <summary>A second event for the same person within this window changes nothing.</summary>
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>IANA or Windows time zone id in which times are shown and days are counted; empty means the server's zone.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Local time of day at which records still open are closed (for example 23:00); empty means only <see cref="MaxOpenDuration"/> applies.</summary>
    public TimeSpan? AutoCheckoutTime { get; set; }

    /// <summary>An open record older than this is closed automatically (overnight shifts stay open until then).</summary>
    public TimeSpan MaxOpenDuration { get; set; } = TimeSpan.FromHours(16);

    /// <summary>How often the automatic check-out looks for forgotten records.</summary>
    public TimeSpan AutoCheckoutInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Days to keep attendance records and face data; empty keeps them.</summary>
    [Range(1, SettingsLimits.MaxRetentionDays)]
    public int? RetentionDays { get; set; }

    /// <summary>
    /// On erasure, keep the person's attendance rows under an anonymous placeholder ("Erased person 17") for payroll
    /// and statistics instead of deleting them. Face data is deleted either way.
    /// </summary>
    public bool KeepRecordsOnErasure { get; set; }

    /// <summary>Wrong PINs in a row before the PIN is locked for <see cref="PinLockout"/>.</summary>
    [Range(1, 20)]
    public int MaxPinAttempts { get; set; } = 5;

    public TimeSpan PinLockout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Lockouts of one PIN before only HR can unlock it (by setting a new PIN). Each lockout lasts twice the one
    /// before (15, 30, 60, 120 minutes by default), so a PIN can be guessed at most MaxPinAttempts x this many times.
    /// </summary>
    [Range(1, 20)]
    public int MaxPinLockouts { get; set; } = 4;

    /// <summary>
    /// Days after someone is deactivated (they left, or are suspended) before their face data is deleted. Until then
    /// their face is still known, so they cannot register again under another name; after it, only their name and
    /// records remain. Empty keeps it while they are inactive (then only <see cref="FaceDataUnusedDays"/> applies).
    /// </summary>
    [Range(1, SettingsLimits.MaxRetentionDays)]
    public int? FaceDataAfterDeactivationDays { get; set; } = 180;

    /// <summary>
    /// Days without any check-in after which anyone's face data is deleted (BIPA: at most three years after the last
    /// interaction). Empty keeps it.
    /// </summary>
    [Range(1, SettingsLimits.MaxRetentionDays)]
    public int? FaceDataUnusedDays { get; set; } = 3 * 365;

    /// <summary>Check-in from one's own browser tab (/me and the app bar): Off, FaceOnly or FaceOrButton. The Settings page overrides it.</summary>
    [EnumDataType(typeof(Data.Entities.PersonalCheckInPolicy))]
    public Data.Entities.PersonalCheckInPolicy PersonalCheckIn { get; set; } = Data.Entities.PersonalCheckInPolicy.FaceOnly;

    /// <summary>CIDR ranges personal check-ins are expected from (one per line or comma-separated); empty: every address.</summary>
    public string? PersonalNetworks { get; set; }

    /// <summary>What a personal check-in from outside <see cref="PersonalNetworks"/> gets: Refuse or MarkRemote.</summary>
    [EnumDataType(typeof(Data.Entities.OutsideNetworkPolicy))]
    public Data.Entities.OutsideNetworkPolicy OutsideNetworks { get; set; } = Data.Entities.OutsideNetworkPolicy.Refuse;

    /// <summary>Ask the browser for its location at a personal check-in (kept only when the person allows it).</summary>
    public bool AskLocation { get; set; }

    /// <summary>
    /// A person whose record was closed automatically is asked at their next check-in when they left; their answer
    /// goes on HR's review list, or, with this on, changes the record at once (audited either way).
    /// </summary>
    public bool ApplyForgottenCheckOuts { get; set; }

    /// <summary>
    /// A registration held for HR (a face close to someone's) and never decided is deleted after this many days, its
    /// face with it, whatever Attendance:RetentionDays says.
    /// </summary>
    [Range(1, 3650)]
    public int HeldRegistrationDays { get; set; } = 30;

    /// <summary>Keep a small face thumbnail with each template (personal data: turn off to keep descriptors only).</summary>
    public bool KeepThumbnails { get; set; } = true;

    /// <summary>Of several faces, the largest is used only when its area is at least this many times the next one's.</summary>
    [Range(1.0, 10.0)]
    public double LargestFaceRatio { get; set; } = 1.5;

    [Range(1, SettingsLimits.MaxNameLengthCeiling)]
    public int MaxNameLength { get; set; } = 100;

    /// <summary>What a new person agrees to at the kiosk before their face is stored.</summary>
    [Required, StringLength(2000, MinimumLength = 10)]
    public string ConsentText { get; set; } =
        "I agree that AttendanceBlazor stores a template of my face and a small photo to record when I arrive and leave. " +
        "I can ask HR to delete them at any time, and I may use a PIN instead.";

    /// <summary>Stored with each consent; change it whenever the text changes.</summary>
    [Required, StringLength(50)]
    public string ConsentVersion { get; set; } = "1";

    /// <summary>
    /// When no face is found, a still darker than this mean luma (0 to 255) is reported as too dark. The shared test
    /// photos measure 38 to 160, the same photos at 12% brightness 5 to 19 (ImageQuality).
    /// </summary>
    [Range(0, 255)]
    public double TooDarkLuma { get; set; } = 25;

    /// <summary>
    /// When no face is found, a still with a Laplacian variance below this is reported as blurred. The shared test
    /// photos measure 250 to 1660, the same photos blurred (sigma 12) 1 to 23.
    /// </summary>
    [Range(0, 100_000)]
    public double BlurredSharpness { get; set; } = 60;

    /// <summary>The kiosk checks in by itself when someone arrives and holds still for about a second (no button needed).</summary>
    public bool KioskAutoCapture { get; set; }

    /// <summary>
    /// With auto-capture, someone who lingers in front of the kiosk is not checked out and in again: an automatic
    /// capture of a person whose last event is more recent than this changes nothing (a press of the button still
    /// does, after the duplicate window). Security review finding 25.
    /// </summary>
    public TimeSpan KioskAutoCaptureRepeatWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the kiosk shows a result before it is ready for the next person.</summary>
    public TimeSpan KioskResultDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often a web node reads the face index's change feed (ADR 014): a face registered or erased on another node
    /// (or by the CLI) is known here within about this long. Half a second costs one indexed query per poll.
    /// </summary>
    public TimeSpan IndexFeedInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    public ApiOptions Api { get; set; } = new();

    /// <summary>The working-time defaults: weekly hours, start time and grace, the break rule (Attendance:WorkingTime).</summary>
    public WorkingTime.WorkingTimeOptions WorkingTime { get; set; } = new();

    /// <summary>Challenge: every camera check-in first meets a liveness challenge (a head turn); Off: a still is enough.</summary>
    [EnumDataType(typeof(AttendanceBlazor.Application.Liveness.LivenessMode))]
    public AttendanceBlazor.Application.Liveness.LivenessMode Liveness { get; set; } = AttendanceBlazor.Application.Liveness.LivenessMode.Challenge;

    /// <summary>
    /// Turns a challenge asks for, one after another (each to the person's left or right, and back): with 3, eight
    /// orders a recording would have to match, step by step as they are shown.
    /// </summary>
    [Range(3, 6)]
    public int LivenessSteps { get; set; } = 3;

    /// <summary>How long each step is shown (with a countdown) and recorded: time to read it, turn and come back.</summary>
    public TimeSpan LivenessStepDuration { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Days a passed challenge's frames are remembered (as hashes) so that they cannot pass again.</summary>
    [Range(1, 3650)]
    public int LivenessFrameDays { get; set; } = 60;

    /// <summary>
    /// Whether a challenge met with frames seen before is refused (true). Off only for benchmarks that replay one
    /// recording many times; the app refuses to start in Production with it off.
    /// </summary>
    public bool LivenessRefuseReplays { get; set; } = true;

    /// <summary>Tries at a challenge before the kiosk offers the PIN and HR's list shows the failures.</summary>
    [Range(1, 10)]
    public int LivenessAttempts { get; set; } = 3;

    /// <summary>
    /// Questions "Are you ...?" one kiosk may ask an hour; beyond, a doubtful face is pointed to the PIN and HR
    /// (a kiosk is not a way to look people up by face).
    /// </summary>
    [Range(1, 1000)]
    public int DoubtfulQuestionsPerKioskPerHour { get; set; } = 10;

    /// <summary>How long the "What is your name?" screen waits before it starts over.</summary>
    public TimeSpan RegistrationTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Every press (a kiosk still, an own-tab still, a REST call, a PIN) is answered within this of its arrival: with
    /// its result, or with "busy, try again in N s" when the queue ahead would not let it through in time.
    /// </summary>
    public TimeSpan AnswerWithin { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The same for each step of a liveness challenge, counted from the step appearing (its recording included).</summary>
    public TimeSpan ChallengeAnswerWithin { get; set; } = TimeSpan.FromSeconds(15);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DuplicateWindow < TimeSpan.Zero || DuplicateWindow > SettingsLimits.MaxDuplicateWindow)
            yield return new ValidationResult("Attendance:DuplicateWindow must be between 00:00:00 and 12:00:00.", [nameof(DuplicateWindow)]);
        if (MaxOpenDuration < SettingsLimits.MinOpenDuration || MaxOpenDuration > SettingsLimits.MaxOpenDuration)
            yield return new ValidationResult("Attendance:MaxOpenDuration must be between 01:00:00 and 3.00:00:00.", [nameof(MaxOpenDuration)]);
        if (KioskAutoCaptureRepeatWindow < TimeSpan.Zero || KioskAutoCaptureRepeatWindow > TimeSpan.FromHours(12))
            yield return new ValidationResult("Attendance:KioskAutoCaptureRepeatWindow must be between 00:00:00 and 12:00:00.", [nameof(KioskAutoCaptureRepeatWindow)]);
        if (AnswerWithin < TimeSpan.FromSeconds(2) || AnswerWithin > TimeSpan.FromMinutes(2))
            yield return new ValidationResult("Attendance:AnswerWithin must be between 00:00:02 and 00:02:00.", [nameof(AnswerWithin)]);
        if (LivenessStepDuration < TimeSpan.FromSeconds(1.5) || LivenessStepDuration > TimeSpan.FromSeconds(10))
            yield return new ValidationResult("Attendance:LivenessStepDuration must be between 00:00:01.5 and 00:00:10.", [nameof(LivenessStepDuration)]);
        if (ChallengeAnswerWithin < LivenessStepDuration + TimeSpan.FromSeconds(2) || ChallengeAnswerWithin > TimeSpan.FromMinutes(2))
            yield return new ValidationResult("Attendance:ChallengeAnswerWithin must be at least Attendance:LivenessStepDuration plus 2 seconds, and at most 00:02:00.", [nameof(ChallengeAnswerWithin)]);
        if (IndexFeedInterval < TimeSpan.FromMilliseconds(50) || IndexFeedInterval > TimeSpan.FromMinutes(1))
            yield return new ValidationResult("Attendance:IndexFeedInterval must be between 00:00:00.05 and 00:01:00.", [nameof(IndexFeedInterval)]);
        if (AutoCheckoutTime is { } t && (t < TimeSpan.Zero || t >= TimeSpan.FromDays(1)))
            yield return new ValidationResult("Attendance:AutoCheckoutTime must be a time of day (00:00 to 23:59).", [nameof(AutoCheckoutTime)]);
        foreach (var problem in WorkingTime.Problems()) yield return new ValidationResult(problem, [nameof(WorkingTime)]);
        if (!string.IsNullOrWhiteSpace(TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
            yield return new ValidationResult($"Attendance:TimeZone '{TimeZone}' is not a known time zone (for example Europe/Berlin).", [nameof(TimeZone)]);
    }
}
