using AttendanceBlazor.Data.Entities;

namespace AttendanceBlazor.Application.Review;

/// <summary>
/// One line of HR's review list: an open review item, or a record closed automatically (RecordId set, Kind null).
/// Times are UTC.
/// </summary>
public sealed record ReviewRow(
    long? ItemId,
    ReviewKind? Kind,
    long? RecordId,
    DateTime AtUtc,
    string? Device,
    int? CandidateId,
    string? CandidateName,
    bool CandidateHasThumbnail,
    float? Distance,
    string? PendingName,
    bool PendingHasThumbnail,
    bool PendingConsent,
    Guid Version,
    DateTime? ProposedUtc = null);
