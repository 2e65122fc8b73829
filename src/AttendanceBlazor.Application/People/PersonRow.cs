using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AttendanceBlazor.Application.People;

/// <summary>
/// A person as the People grid shows them. <see cref="ConsentRecorded"/>: a consent time is stored (the kiosk, or a
/// device that sent consent=true); face data without one came from a device that sent no consent field.
/// </summary>
public sealed record PersonRow(int Id, string Name, bool Active, DateTime RegisteredUtc, int Templates, bool HasThumbnail, int Records, bool IsIn, bool HasPin, string? Account, Guid Version)
{
    public bool ConsentRecorded { get; init; } = true;

    /// <summary>The name a doubtful kiosk asks with, when HR set one (otherwise the short form of <see cref="Name"/>).</summary>
    public string? KioskName { get; init; }
}
