namespace AttendanceBlazor.Data.Entities;

/// <summary>
/// An event that waits on HR's review list, with what HR needs to decide and nothing more: when, where, whom the
/// face was close to and how close. A face (descriptors, a thumbnail) is kept only for a pending registration, whose
/// person gave consent; never a still of someone who has not.
/// </summary>
public sealed class ReviewItem
{
    public long Id { get; set; }

    public ReviewKind Kind { get; set; }

    public ReviewState State { get; set; }

    /// <summary>When the still arrived (UTC).</summary>
    public DateTime AtUtc { get; set; }

    public AttendanceSource Source { get; set; }

    public string? Device { get; set; }

    /// <summary>The registered person the face was close to, if any.</summary>
    public int? CandidatePersonId { get; set; }

    public Person? CandidatePerson { get; set; }

    /// <summary>Descriptor distance to the candidate.</summary>
    public float? Distance { get; set; }

    /// <summary>The attendance record the event made (a doubtful match confirmed at the kiosk), if any.</summary>
    public long? RecordId { get; set; }

    /// <summary>For a forgotten check-out: when the person says they left (UTC).</summary>
    public DateTime? ProposedUtc { get; set; }

    /// <summary>For a pending registration: the name the person typed.</summary>
    public string? PendingName { get; set; }

    /// <summary>For a pending registration: the face's descriptors, one or more, 128 floats each (little-endian).</summary>
    public byte[]? PendingDescriptors { get; set; }

    /// <summary>For a pending registration with consent, where settings keep thumbnails: a small JPEG of the face.</summary>
    public byte[]? PendingThumbnail { get; set; }

    public string? ConsentVersion { get; set; }

    public DateTime? ConsentUtc { get; set; }

    public string? ResolvedBy { get; set; }

    public DateTime? ResolvedUtc { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();
}
