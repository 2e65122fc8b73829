namespace AttendanceBlazor.Web.Components.Kiosk;

/// <summary>A result that is not a check-in outcome: the kiosk's own trouble, said to the person at it.</summary>
public enum KioskNotice
{
    None,
    CaptureFailed,
    SystemBusy,
    SomethingWentWrong,
}
