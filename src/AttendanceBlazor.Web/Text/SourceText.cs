using AttendanceBlazor.Data.Entities;

namespace AttendanceBlazor.Web.Text;

/// <summary>How an event was made, in words (the Attendance page; the CSV keeps the enum names).</summary>
public static class SourceText
{
    public static string Name(AttendanceSource source) => source switch
    {
        AttendanceSource.Kiosk => "Kiosk",
        AttendanceSource.Api => "Device (API)",
        AttendanceSource.Manual => "HR",
        AttendanceSource.Pin => "Kiosk, PIN",
        AttendanceSource.Personal => "Own device, face",
        AttendanceSource.PersonalButton => "Own device, button",
        AttendanceSource.AutoClose => "Closed automatically",
        _ => source.ToString(),
    };

    /// <summary>The tooltip: which kiosk or device, or from which address.</summary>
    public static string Detail(AttendanceSource source, string? device, string? address, bool remote) =>
        source is AttendanceSource.Personal or AttendanceSource.PersonalButton
            ? $"from {address ?? "an unknown address"}{(remote ? ", outside the allowed networks" : "")}"
            : device ?? "";
}
