namespace AttendanceBlazor.Data.Entities;

/// <summary>
/// One line of the face index's change feed: the templates of <see cref="PersonId"/> changed (registered, a sample
/// added, merged, erased), written in the same transaction as the change itself, by whichever process made it (a web
/// node or the CLI). Every web node reads the feed and reloads that person's templates, so a face registered on one
/// node is known on all (ADR 014). No foreign key: the line outlives the person it names, since it says they are gone.
/// </summary>
public sealed class FaceIndexChange
{
    public long Id { get; set; }

    public int PersonId { get; set; }

    public DateTime AtUtc { get; set; }
}
