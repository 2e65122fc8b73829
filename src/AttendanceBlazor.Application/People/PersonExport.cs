using System.Text.Json;

namespace AttendanceBlazor.Application.People;

/// <summary>The JSON a person (or HR on their behalf) downloads: everything the system holds about them. Times are UTC.</summary>
public sealed record PersonExport(
    DateTime ExportedUtc,
    PersonExport.PersonPart Person,
    IReadOnlyList<PersonExport.TemplatePart> FaceTemplates,
    IReadOnlyList<PersonExport.RecordPart> AttendanceRecords,
    IReadOnlyList<PersonExport.AuditPart> AuditTrail,
    IReadOnlyList<PersonExport.ReviewPart> ReviewItems)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public sealed record PersonPart(int Id, string Name, bool Active, DateTime RegisteredUtc, string? ConsentVersion, DateTime? ConsentUtc, string? ConsentSource, bool HasUserAccount, bool HasPin);

    /// <summary>The descriptor itself is included: it is personal data the person has a right to see.</summary>
    public sealed record TemplatePart(long Id, string ModelId, float Quality, DateTime CreatedUtc, float[] Descriptor, string? ThumbnailJpegBase64);

    /// <summary>A stay, with where each event came from (for a personal check-in: the address and the location, if kept).</summary>
    public sealed record RecordPart(long Id, DateTime CheckInUtc, DateTime? CheckOutUtc, string Source, string? Device, bool AutoClosed)
    {
        public string? CheckInAddress { get; init; }

        public bool CheckInRemote { get; init; }

        public string? CheckInLocation { get; init; }

        public string? CheckOutSource { get; init; }

        public string? CheckOutDevice { get; init; }

        public string? CheckOutAddress { get; init; }

        public bool CheckOutRemote { get; init; }

        public string? CheckOutLocation { get; init; }
    }

    /// <summary>An event on HR's review list about this person: a face close to theirs, when, where, how close.</summary>
    public sealed record ReviewPart(long Id, string Kind, string State, DateTime AtUtc, string? Device, float? Distance);

    public sealed record AuditPart(DateTime AtUtc, string By, string EntityType, string EntityId, string Action, string? Before, string? After, string? Reason);
}
