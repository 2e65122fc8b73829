using Microsoft.AspNetCore.Identity;

namespace AttendanceBlazor.Data.Entities;

/// <summary>One stay: a check-in and, once the person leaves, a check-out. Times are UTC.</summary>
public sealed class AttendanceRecord
{
    public long Id { get; set; }

    public int PersonId { get; set; }

    public Person? Person { get; set; }

    public DateTime CheckInUtc { get; set; }

    public DateTime? CheckOutUtc { get; set; }

    public AttendanceSource Source { get; set; }

    /// <summary>The kiosk or API device that recorded the check-in, for audits.</summary>
    public string? Device { get; set; }

    /// <summary>Descriptor distance of the match at check-in (null for a registration or a manual record).</summary>
    public float? MatchDistance { get; set; }

    public float? CheckOutMatchDistance { get; set; }

    /// <summary>Closed by the automatic check-out job rather than by the person; HR reviews these.</summary>
    public bool AutoClosed { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();
}
