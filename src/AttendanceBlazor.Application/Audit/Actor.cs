using System.Security.Claims;
using AttendanceBlazor.Data.Entities;

namespace AttendanceBlazor.Application.Audit;

/// <summary>Who did something, for the audit log: a signed-in account, a device, the command line or the system itself.</summary>
public sealed record Actor(string? UserId, string UserName)
{
    /// <summary>The app's own jobs (automatic check-out, retention).</summary>
    public static readonly Actor System = new(null, "system");

    public static Actor From(ClaimsPrincipal user) =>
        new(user.FindFirst(ClaimTypes.NameIdentifier)?.Value, user.Identity?.Name ?? "unknown");

    /// <summary>A kiosk or an API device acting for the person in front of it.</summary>
    public static Actor Device(AttendanceSource source, string? device) => new(null, device ?? source.ToString());

    /// <summary>An operator at the `attendance` command line, named by the operating system account.</summary>
    public static Actor CommandLine() => new(null, $"cli:{Environment.UserName}");
}
