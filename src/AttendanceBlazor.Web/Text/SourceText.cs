using AttendanceBlazor.Data.Entities;
using Microsoft.Extensions.Localization;

namespace AttendanceBlazor.Web.Text;

/// <summary>How an event was made, in words (the Attendance page; the CSV keeps the enum names).</summary>
public static class SourceText
{
    public static string Name(IStringLocalizer L, AttendanceSource source) => source switch
    {
        AttendanceSource.Kiosk => L["Kiosk"],
        AttendanceSource.Api => L["Device (API)"],
        AttendanceSource.Manual => L["HR"],
        AttendanceSource.Pin => L["Kiosk, PIN"],
        AttendanceSource.Personal => L["Own device, face"],
        AttendanceSource.PersonalButton => L["Own device, button"],
        AttendanceSource.AutoClose => L["Closed automatically"],
        AttendanceSource.Stated => L["Stated by the person"],
        _ => source.ToString(),
    };

    /// <summary>The tooltip: which kiosk or device, or from which address.</summary>
    public static string Detail(IStringLocalizer L, AttendanceSource source, string? device, string? address, bool remote) =>
        source is AttendanceSource.Personal or AttendanceSource.PersonalButton
            ? (remote ? L["from {0}, outside the allowed networks", address ?? L["an unknown address"]] : L["from {0}", address ?? L["an unknown address"]])
            : device ?? "";
}
