using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Application.Faces;
using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AttendanceBlazor.Application.Jobs;

/// <summary>What one retention run removed.</summary>
public sealed record RetentionResult(int RecordsDeleted, int PeopleFaceDataErased, int TemplatesDeleted)
{
    /// <summary>Registrations held for HR and never decided, deleted after Attendance:HeldRegistrationDays.</summary>
    public int HeldRegistrationsDeleted { get; init; }
}
