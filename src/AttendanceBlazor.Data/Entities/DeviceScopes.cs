using Microsoft.AspNetCore.Identity;

namespace AttendanceBlazor.Data.Entities;

[Flags]
public enum DeviceScopes
{
    None = 0,
    CheckIn = 1,
    ReadAttendance = 2,

    /// <summary>GET /timesheets: every person's month, as payroll reads it.</summary>
    ReadTimesheets = 4,
}
