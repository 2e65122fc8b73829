using AttendanceBlazor.Data.Entities;

namespace AttendanceBlazor.Application.Records;

/// <summary>
/// A record as the grids show it; times are UTC, the page formats them in the configured zone. Where each event came
/// from: the check-in's source and device (or address, for a personal one, and whether it was remote), and the same
/// for the check-out once there is one.
/// </summary>
public sealed record RecordRow(
    long Id, int PersonId, string PersonName, DateTime CheckInUtc, DateTime? CheckOutUtc, AttendanceSource Source,
    string? Device, bool AutoClosed, Guid Version)
{
    public bool CheckInRemote { get; init; }

    public string? CheckInAddress { get; init; }

    public string? CheckInLocation { get; init; }

    public AttendanceSource? CheckOutSource { get; init; }

    public string? CheckOutDevice { get; init; }

    public bool CheckOutRemote { get; init; }

    public string? CheckOutAddress { get; init; }

    public string? CheckOutLocation { get; init; }

    public bool IsOpen => CheckOutUtc is null;

    /// <summary>The stay's length; an open record counts up to <paramref name="nowUtc"/>.</summary>
    public TimeSpan Duration(DateTime nowUtc) => (CheckOutUtc ?? nowUtc) - CheckInUtc;
}
