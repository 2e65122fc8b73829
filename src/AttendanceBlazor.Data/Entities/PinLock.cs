namespace AttendanceBlazor.Data.Entities;

/// <summary>
/// Wrong PINs counted against one subject: a person (<see cref="PersonId"/>), when the typed name is someone's, or the
/// kiosk device the PIN was typed at, when the name is nobody's. The answer and the work are the same either way, so
/// the kiosk does not tell who exists; no typed name is kept (a name that is nobody's yet cannot be locked in advance,
/// security recheck N8). Removed after a correct PIN, a new PIN, the person's erasure, or by retention once it no
/// longer locks anything.
/// </summary>
public sealed class PinLock
{
    /// <summary>"person:{id}" or "device:{name}".</summary>
    public required string Subject { get; set; }

    /// <summary>The person, for a person's lock (erased with them).</summary>
    public int? PersonId { get; set; }

    /// <summary>Wrong PINs since the last lockout.</summary>
    public int FailedAttempts { get; set; }

    /// <summary>How many times the PIN was locked; each lockout lasts twice the previous one, and past the limit only HR unlocks it.</summary>
    public int Lockouts { get; set; }

    public DateTime? LockedUntilUtc { get; set; }

    public DateTime LastFailureUtc { get; set; }

    /// <summary>The lock after the last allowed lockout: it lasts until HR sets a new PIN.</summary>
    public static readonly DateTime UntilHrUnlocks = new(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc);

    public static string OfPerson(int personId) => $"person:{personId}";

    public static string OfDevice(string? device) => $"device:{device ?? "(unnamed)"}";
}
