namespace AttendanceBlazor.Data.Entities;

/// <summary>What a row of the Devices table is.</summary>
public enum DeviceKind
{
    /// <summary>An integration or terminal calling the REST API with its key.</summary>
    ApiKey = 0,

    /// <summary>
    /// A kiosk screen paired by a one-time code: its secret lives in a cookie that opens the kiosk page only, and never
    /// works as an API key.
    /// </summary>
    Kiosk = 1,
}
