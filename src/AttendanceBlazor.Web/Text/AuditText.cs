using AttendanceBlazor.Application.Audit;
using Microsoft.Extensions.Localization;

namespace AttendanceBlazor.Web.Text;

/// <summary>
/// The audit log in words: what each action means, and who an internal actor name stands for. The stored values stay
/// as they are (scripts and exports read them); only the page shows them this way.
/// </summary>
public static class AuditText
{
    public static string Action(IStringLocalizer L, string action) => action switch
    {
        AuditActions.Register => L["Registered"],
        AuditActions.Rename => L["Renamed"],
        AuditActions.SetKioskName => L["Kiosk name set"],
        AuditActions.AddFaceSample => L["Face sample added"],
        AuditActions.Merge => L["Merged"],
        AuditActions.Activate => L["Activated"],
        AuditActions.Deactivate => L["Deactivated"],
        AuditActions.Delete => L["Deleted and erased"],
        AuditActions.SetPin => L["PIN set"],
        AuditActions.ClearPin => L["PIN removed"],
        AuditActions.CreateWithPin => L["Registered with a PIN only"],
        AuditActions.LinkAccount => L["Account linked"],
        AuditActions.UnlinkAccount => L["Account unlinked"],
        AuditActions.CorrectRecord => L["Record corrected"],
        AuditActions.CloseRecord => L["Check-out added"],
        AuditActions.AddRecord => L["Record added"],
        AuditActions.AutoClose => L["Closed automatically"],
        AuditActions.Retention => L["Deleted by retention"],
        AuditActions.SettingsChange => L["Settings changed"],
        AuditActions.DeviceCreate => L["Device key created"],
        AuditActions.DeviceRevoke => L["Device key revoked"],
        AuditActions.DevicePaired => L["Kiosk paired"],
        AuditActions.DeviceLanguage => L["Kiosk language changed"],
        AuditActions.UserCreate => L["Account created"],
        AuditActions.UserRoles => L["Roles changed"],
        AuditActions.UserPasswordSet => L["Password set"],
        AuditActions.UserUnlock => L["Account unlocked"],
        AuditActions.UserDisable => L["Account disabled"],
        AuditActions.UserEnable => L["Account enabled"],
        AuditActions.UserDelete => L["Account deleted"],
        AuditActions.ReviewConfirm => L["Review: confirmed"],
        AuditActions.ReviewRelabel => L["Review: someone else"],
        AuditActions.ReviewReject => L["Review: rejected"],
        AuditActions.ReviewAcceptAutoClose => L["Review: automatic check-out accepted"],
        AuditActions.ExportCsv => L["Records exported (CSV)"],
        AuditActions.ExportPerson => L["Personal data exported"],
        AuditActions.ViewFace => L["Face viewed"],
        AuditActions.PersonalFaceMismatch => L["Own check-in refused: another face"],
        AuditActions.ForgottenCheckOutAnswer => L["Said when they left"],
        _ => action,
    };

    /// <summary>"kiosk:ann@example.com" is the kiosk signed in as that account; "manual:..." is HR by name.</summary>
    public static string Who(IStringLocalizer L, string userName) => userName switch
    {
        "system" => L["The system (automatic)"],
        "first-run setup" => L["First-run setup"],
        _ when userName.StartsWith("kiosk:", StringComparison.Ordinal) => L["Kiosk ({0})", userName["kiosk:".Length..]],
        _ when userName.StartsWith("manual:", StringComparison.Ordinal) => userName["manual:".Length..],
        _ => userName,
    };
}
