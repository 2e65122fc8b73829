namespace AttendanceBlazor.Application.Accounts;

/// <summary>The four roles an account can have.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string HR = "HR";
    public const string Employee = "Employee";
    public const string Kiosk = "Kiosk";

    public static readonly string[] All = [Admin, HR, Employee, Kiosk];
}
