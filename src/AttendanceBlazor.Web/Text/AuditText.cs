using AttendanceBlazor.Application.Audit;

namespace AttendanceBlazor.Web.Text;

/// <summary>
/// The audit log in words: what each action means, and who an internal actor name stands for. The stored values stay
/// as they are (scripts and exports read them); only the page shows them this way.
/// </summary>
public static class AuditText
{
    public static string Action(string action) => action switch
    {
        AuditActions.Register => "Registered",
        AuditActions.Rename => "Renamed",
        AuditActions.AddFaceSample => "Face sample added",
        AuditActions.Merge => "Merged",
        AuditActions.Activate => "Activated",
        AuditActions.Deactivate => "Deactivated",
        AuditActions.Delete => "Deleted and erased",
        AuditActions.SetPin => "PIN set",
        AuditActions.ClearPin => "PIN removed",
        AuditActions.CreateWithPin => "Registered with a PIN only",
        AuditActions.LinkAccount => "Account linked",
        AuditActions.UnlinkAccount => "Account unlinked",
        AuditActions.CorrectRecord => "Record corrected",
        AuditActions.CloseRecord => "Check-out added",
        AuditActions.AddRecord => "Record added",
        AuditActions.AutoClose => "Closed automatically",
        AuditActions.Retention => "Deleted by retention",
        AuditActions.SettingsChange => "Settings changed",
        AuditActions.DeviceCreate => "Device key created",
        AuditActions.DeviceRevoke => "Device key revoked",
        AuditActions.DevicePaired => "Kiosk paired",
        AuditActions.UserCreate => "Account created",
        AuditActions.UserRoles => "Roles changed",
        AuditActions.UserPasswordSet => "Password set",
        AuditActions.UserUnlock => "Account unlocked",
        AuditActions.UserDisable => "Account disabled",
        AuditActions.UserEnable => "Account enabled",
        AuditActions.UserDelete => "Account deleted",
        AuditActions.ReviewConfirm => "Review: confirmed",
        AuditActions.ReviewRelabel => "Review: someone else",
        AuditActions.ReviewReject => "Review: rejected",
        AuditActions.ReviewAcceptAutoClose => "Review: automatic check-out accepted",
        AuditActions.ExportCsv => "Records exported (CSV)",
        AuditActions.ExportPerson => "Personal data exported",
        AuditActions.ViewFace => "Face viewed",
        AuditActions.PersonalFaceMismatch => "Own check-in refused: another face",
        AuditActions.ForgottenCheckOutAnswer => "Said when they left",
        _ => action,
    };

    /// <summary>"kiosk:ann@example.com" is the kiosk signed in as that account; "manual:..." is HR by name.</summary>
    public static string Who(string userName) => userName switch
    {
        "system" => "The system (automatic)",
        _ when userName.StartsWith("kiosk:", StringComparison.Ordinal) => $"Kiosk ({userName["kiosk:".Length..]})",
        _ when userName.StartsWith("manual:", StringComparison.Ordinal) => userName["manual:".Length..],
        _ => userName,
    };
}
