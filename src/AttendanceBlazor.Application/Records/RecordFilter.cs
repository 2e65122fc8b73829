using AttendanceBlazor.Data.Entities;

namespace AttendanceBlazor.Application.Records;

/// <summary>
/// Which records to list: one person or a name search, local dates (inclusive), only open ones, only those to review;
/// <see cref="Source"/>: only those with an event (check-in or check-out) made that way; <see cref="RemoteOnly"/>: only
/// those with a remote personal event.
/// </summary>
public sealed record RecordFilter(int? PersonId = null, string? NameSearch = null, DateOnly? From = null, DateOnly? To = null, bool OpenOnly = false, bool ReviewOnly = false)
{
    public AttendanceSource? Source { get; init; }

    public bool RemoteOnly { get; init; }
}
