namespace AttendanceBlazor.Web.Security;

public static class Policies
{
    /// <summary>A device key with the check-in scope.</summary>
    public const string ApiCheckIn = "api:check-in";

    /// <summary>A device key with the read-attendance scope.</summary>
    public const string ApiReadAttendance = "api:read-attendance";

    /// <summary>A device key with the read-timesheets scope (payroll).</summary>
    public const string ApiReadTimesheets = "api:read-timesheets";

    /// <summary>A person's own account pages: any signed-in account but a kiosk's shared one.</summary>
    public const string ManageOwnAccount = "account:manage";
}
