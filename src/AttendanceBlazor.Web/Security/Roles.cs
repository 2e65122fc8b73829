namespace AttendanceBlazor.Web.Security;

public static class Roles
{
    public const string Admin = "Admin";
    public const string HR = "HR";
    public const string Employee = "Employee";
    public const string Kiosk = "Kiosk";

    public static readonly string[] All = [Admin, HR, Employee, Kiosk];
}

public static class Policies
{
    /// <summary>A device key with the check-in scope.</summary>
    public const string ApiCheckIn = "api:check-in";

    /// <summary>A device key with the read-attendance scope.</summary>
    public const string ApiReadAttendance = "api:read-attendance";
}
