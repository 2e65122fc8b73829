namespace AttendanceBlazor.Application.Settings;

public sealed class ApiOptions
{
    /// <summary>Refuse registration through the REST API unless the request says consent=true.</summary>
    public bool RequireConsent { get; set; }
}
