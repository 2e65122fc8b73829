using AttendanceBlazor.Data.Entities;

namespace AttendanceBlazor.Application.Records;

/// <summary>Which records to list: one person or a name search, local dates (inclusive), only open ones, only those to review.</summary>
public sealed record RecordFilter(int? PersonId = null, string? NameSearch = null, DateOnly? From = null, DateOnly? To = null, bool OpenOnly = false, bool ReviewOnly = false);

/// <summary>A record as the grids show it; times are UTC, the page formats them in the configured zone.</summary>
public sealed record RecordRow(
    long Id, int PersonId, string PersonName, DateTime CheckInUtc, DateTime? CheckOutUtc, AttendanceSource Source,
    string? Device, bool AutoClosed, Guid Version)
{
    public bool IsOpen => CheckOutUtc is null;

    /// <summary>The stay's length; an open record counts up to <paramref name="nowUtc"/>.</summary>
    public TimeSpan Duration(DateTime nowUtc) => (CheckOutUtc ?? nowUtc) - CheckInUtc;
}

/// <summary>A person's stays as the REST API's GET /attendance answers them: local times in the configured zone.</summary>
public sealed record PersonAttendance(string Name, IReadOnlyList<(DateTime CheckInLocal, DateTime? CheckOutLocal)> Stays);
