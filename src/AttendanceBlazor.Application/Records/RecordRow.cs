using AttendanceBlazor.Data.Entities;

namespace AttendanceBlazor.Application.Records;

/// <summary>A record as the grids show it; times are UTC, the page formats them in the configured zone.</summary>
public sealed record RecordRow(
    long Id, int PersonId, string PersonName, DateTime CheckInUtc, DateTime? CheckOutUtc, AttendanceSource Source,
    string? Device, bool AutoClosed, Guid Version)
{
    public bool IsOpen => CheckOutUtc is null;

    /// <summary>The stay's length; an open record counts up to <paramref name="nowUtc"/>.</summary>
    public TimeSpan Duration(DateTime nowUtc) => (CheckOutUtc ?? nowUtc) - CheckInUtc;
}
