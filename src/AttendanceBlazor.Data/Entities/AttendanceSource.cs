using Microsoft.AspNetCore.Identity;

namespace AttendanceBlazor.Data.Entities;

public enum AttendanceSource
{
    Kiosk = 0,
    Api = 1,
    Manual = 2,

    /// <summary>At the kiosk with name and PIN, by someone who declined face recognition.</summary>
    Pin = 3,
}
