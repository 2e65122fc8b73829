namespace AttendanceBlazor.Data.Entities;

/// <summary>
/// Wrong PINs typed for one name, whether or not anyone has that name: the answer and the work are the same for
/// every name, so the kiosk does not tell who exists. Removed after a correct PIN, a new PIN, or by retention once
/// it no longer locks anything.
/// </summary>
public sealed class PinAttempt
{
    /// <summary>The name as typed, normalized like a person's (Person.NormalizedName).</summary>
    public required string NormalizedName { get; set; }

    /// <summary>Wrong PINs since the last lockout.</summary>
    public int FailedAttempts { get; set; }

    /// <summary>How many times the PIN was locked; each lockout lasts twice the previous one, and past the limit only HR unlocks it.</summary>
    public int Lockouts { get; set; }

    public DateTime? LockedUntilUtc { get; set; }

    public DateTime LastFailureUtc { get; set; }

    /// <summary>The lock after the last allowed lockout: it lasts until HR sets a new PIN.</summary>
    public static readonly DateTime UntilHrUnlocks = new(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc);
}
