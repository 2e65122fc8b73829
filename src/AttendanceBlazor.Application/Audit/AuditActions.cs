using AttendanceBlazor.Data.Entities;

namespace AttendanceBlazor.Application.Audit;

/// <summary>The actions the audit log records; the Audit page shows them in words.</summary>
public static class AuditActions
{
    public const string Register = "register";
    public const string Rename = "rename";
    public const string SetKioskName = "set-kiosk-name";
    public const string AddFaceSample = "add-face-sample";
    public const string Merge = "merge";
    public const string Activate = "activate";
    public const string Deactivate = "deactivate";
    public const string Delete = "delete";
    public const string SetPin = "set-pin";
    public const string ClearPin = "clear-pin";
    public const string CreateWithPin = "create-with-pin";
    public const string LinkAccount = "link-account";
    public const string UnlinkAccount = "unlink-account";
    public const string CorrectRecord = "correct-record";
    public const string CloseRecord = "close-record";
    public const string AddRecord = "add-record";
    public const string AutoClose = "auto-close";
    public const string Retention = "retention";
    public const string SettingsChange = "settings-change";
    public const string DeviceCreate = "device-create";
    public const string DeviceRevoke = "device-revoke";
    public const string DeviceLanguage = "device-language";
    public const string DevicePaired = "device-paired";
    public const string UserCreate = "user-create";
    public const string UserRoles = "user-roles";
    public const string UserPasswordSet = "user-password-set";
    public const string UserUnlock = "user-unlock";
    public const string UserDisable = "user-disable";
    public const string UserEnable = "user-enable";
    public const string UserDelete = "user-delete";
    public const string ReviewConfirm = "review-confirm";
    public const string ReviewRelabel = "review-relabel";
    public const string ReviewReject = "review-reject";
    public const string ReviewAcceptAutoClose = "review-accept-auto-close";
    public const string ExportCsv = "export-csv";
    public const string ExportPerson = "export-person";
    public const string ViewFace = "view-face";
    public const string PersonalFaceMismatch = "personal-face-mismatch";
    public const string ForgottenCheckOutAnswer = "forgotten-check-out-answer";
    public const string AddPerson = "add-person";
    public const string SetSchedule = "set-schedule";
    public const string SetFirstDay = "set-first-day";
    public const string SetOpeningBalance = "set-opening-balance";
    public const string AddDayOff = "add-day-off";
    public const string RemoveDayOff = "remove-day-off";
    public const string AddAbsence = "add-absence";
    public const string RemoveAbsence = "remove-absence";
    public const string ConfirmPeriod = "confirm-period";
    public const string ApprovePeriod = "approve-period";
    public const string ReopenPeriod = "reopen-period";
    public const string RefusedLocked = "refused-locked";
    public const string ExportPayroll = "export-payroll";
    public const string WebhookAdd = "webhook-add";
    public const string WebhookRemove = "webhook-remove";
    public const string WebhookRotate = "webhook-rotate-secret";
    public const string WebhookEnable = "webhook-enable";
    public const string WebhookResend = "webhook-resend";
    public const string WebhookDisabled = "webhook-disabled";
    public const string EmailReminders = "email-reminders";
    public const string SsoLink = "sso-link";
}
