using Microsoft.AspNetCore.Identity;

namespace AttendanceBlazor.Data.Entities;

[Flags]
public enum DeviceScopes
{
    None = 0,
    CheckIn = 1,
    ReadAttendance = 2,
}
