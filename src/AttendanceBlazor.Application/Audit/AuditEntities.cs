using AttendanceBlazor.Data.Entities;

namespace AttendanceBlazor.Application.Audit;

/// <summary>What an audit entry is about (its EntityType).</summary>
public static class AuditEntities
{
    public const string Person = nameof(Data.Entities.Person);
    public const string Record = nameof(AttendanceRecord);
    public const string Device = nameof(Data.Entities.Device);
    public const string User = "User";
    public const string Settings = "Settings";
    public const string Retention = "Retention";
    public const string Review = "Review";
    public const string Period = "Period";
    public const string DayOff = "DayOff";
    public const string Webhook = "Webhook";
}
