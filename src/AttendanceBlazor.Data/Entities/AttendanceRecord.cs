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

    /// <summary>How the check-in was made.</summary>
    public AttendanceSource Source { get; set; }

    /// <summary>The kiosk or API device that recorded the check-in (or the HR user who added the record).</summary>
    public string? Device { get; set; }

    /// <summary>For a personal check-in: the client's address (personal data, exported and erased with the record).</summary>
    public string? CheckInAddress { get; set; }

    /// <summary>For a personal check-in: made outside the allowed networks.</summary>
    public bool CheckInRemote { get; set; }

    /// <summary>For a personal check-in, when the person allowed it and Settings ask: "latitude,longitude,accuracy in m".</summary>
    public string? CheckInLocation { get; set; }

    /// <summary>How the check-out was made (null while open, and for records from before sources were kept).</summary>
    public AttendanceSource? CheckOutSource { get; set; }

    public string? CheckOutDevice { get; set; }

    public string? CheckOutAddress { get; set; }

    public bool CheckOutRemote { get; set; }

    public string? CheckOutLocation { get; set; }

    /// <summary>Descriptor distance of the match at check-in (null for a registration or a manual record).</summary>
    public float? MatchDistance { get; set; }

    public float? CheckOutMatchDistance { get; set; }

    /// <summary>Closed by the automatic check-out job rather than by the person; HR reviews these.</summary>
    public bool AutoClosed { get; set; }

    /// <summary>
    /// Changed after it was written: HR's correction, a merge, an applied forgotten check-out. A record HR added is
    /// not; the timesheet flags the day.
    /// </summary>
    public bool Corrected { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();
}
