using Microsoft.AspNetCore.Identity;

namespace AttendanceBlazor.Data.Entities;

/// <summary>Someone whose attendance is recorded.</summary>
public sealed class Person
{
    public int Id { get; set; }

    /// <summary>The name as typed, shown everywhere.</summary>
    public required string DisplayName { get; set; }

    /// <summary>Trimmed, case-folded and whitespace-collapsed; unique, so nobody can register a second "Ann  Lee".</summary>
    public required string NormalizedName { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>When the person was last deactivated (null while active): face data retention counts from here.</summary>
    public DateTime? DeactivatedUtc { get; set; }

    public DateTime CreatedUtc { get; set; }

    public string? UserId { get; set; }

    public ApplicationUser? User { get; set; }

    /// <summary>Which consent text version the person agreed to, when, and through what (kiosk, or the device that registered them).</summary>
    public string? ConsentVersion { get; set; }

    public DateTime? ConsentUtc { get; set; }

    public string? ConsentSource { get; set; }

    /// <summary>
    /// For people who decline face recognition: a PIN, stored only as a salted hash (ASP.NET Core Identity's
    /// password hasher). A person with a PIN checks in with name and PIN and is never asked for a face.
    /// </summary>
    public string? PinHash { get; set; }

    /// <summary>
    /// What the kiosk calls the person when it is not sure it is them ("Are you Ann L.?"), where the short form of
    /// <see cref="DisplayName"/> would not do (two people who share it, a name the person prefers); HR sets it.
    /// </summary>
    public string? KioskName { get; set; }

    /// <summary>
    /// The first day they work here: days before it expect no hours. Null: every scheduled day counts. A person added
    /// by HR before their first day has no face until HR adds one.
    /// </summary>
    public DateOnly? FirstDay { get; set; }

    /// <summary>Their own weekly hours, seven numbers from Monday ("8,8,8,8,6,0,0"); null takes Attendance:WorkingTime.</summary>
    public string? HoursPerWeekday { get; set; }

    /// <summary>When their working day starts (a check-in after it plus the grace is late); null takes the default.</summary>
    public TimeSpan? StartTime { get; set; }

    public TimeSpan? LateGrace { get; set; }

    /// <summary>A balance carried over from another system, in minutes, counted from the month <see cref="OpeningBalanceFrom"/> (its first day).</summary>
    public int? OpeningBalanceMinutes { get; set; }

    public DateOnly? OpeningBalanceFrom { get; set; }

    /// <summary>The person turned their own e-mail reminders off (on /me).</summary>
    public bool EmailRemindersOff { get; set; }

    /// <summary>Set when the person was erased but their attendance rows were kept, anonymized (Attendance:Erasure).</summary>
    public DateTime? ErasedUtc { get; set; }

    public List<FaceTemplate> Templates { get; set; } = [];

    public List<AttendanceRecord> Records { get; set; } = [];

    /// <summary>Changes on every update; optimistic concurrency for renames and merges (works on SQLite and SQL Server alike).</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>What an erased person's kept rows are shown under.</summary>
    public static string ErasedDisplayName(int id) => $"Erased person {id}";

    /// <summary>
    /// The placeholder's normalized name starts with a private-use character, which the name policy refuses, so no
    /// registration can take it first and make the erasure fail on the unique index.
    /// </summary>
    public static string ErasedNormalizedName(int id) => $"\uE000ERASED PERSON {id}";

    public static string Normalize(string name) =>
        string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
}
