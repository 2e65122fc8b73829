using Microsoft.AspNetCore.Identity;

namespace AttendanceBlazor.Data.Entities;

/// <summary>A login. Linked to a <see cref="Person"/> when the person has an account (employee self-service).</summary>
public sealed class ApplicationUser : IdentityUser
{
}

/// <summary>Someone whose attendance is recorded.</summary>
public sealed class Person
{
    public int Id { get; set; }

    /// <summary>The name as typed, shown everywhere.</summary>
    public required string DisplayName { get; set; }

    /// <summary>Trimmed, case-folded and whitespace-collapsed; unique, so nobody can register a second "Ann  Lee".</summary>
    public required string NormalizedName { get; set; }

    public bool IsActive { get; set; } = true;

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

    public int PinFailedAttempts { get; set; }

    /// <summary>After too many wrong PINs the PIN is refused until this time.</summary>
    public DateTime? PinLockedUntilUtc { get; set; }

    /// <summary>Set when the person was erased but their attendance rows were kept, anonymized (Attendance:Erasure).</summary>
    public DateTime? ErasedUtc { get; set; }

    public List<FaceTemplate> Templates { get; set; } = [];

    public List<AttendanceRecord> Records { get; set; } = [];

    /// <summary>Changes on every update; optimistic concurrency for renames and merges (works on SQLite and SQL Server alike).</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public static string Normalize(string name) =>
        string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
}

/// <summary>A face descriptor of a person, with the model that made it and a small thumbnail.</summary>
public sealed class FaceTemplate
{
    public long Id { get; set; }

    public int PersonId { get; set; }

    public Person? Person { get; set; }

    /// <summary>The descriptor as little-endian float32s (128 of them for the face-api.js model: 512 bytes).</summary>
    public required byte[] Descriptor { get; set; }

    /// <summary>The embedder's model id; templates of another model are never compared with these.</summary>
    public required string ModelId { get; set; }

    /// <summary>The detector's score for the face the template came from.</summary>
    public float Quality { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>A small JPEG of the face, kept only when Attendance:KeepThumbnails allows it.</summary>
    public byte[]? Thumbnail { get; set; }

    public float[] ToVector()
    {
        var v = new float[Descriptor.Length / 4];
        Buffer.BlockCopy(Descriptor, 0, v, 0, Descriptor.Length);
        return v;
    }

    public static byte[] FromVector(ReadOnlySpan<float> vector) =>
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector).ToArray();
}

public enum AttendanceSource
{
    Kiosk = 0,
    Api = 1,
    Manual = 2,

    /// <summary>At the kiosk with name and PIN, by someone who declined face recognition.</summary>
    Pin = 3,
}

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

/// <summary>Who changed what, when and why. Written in the same transaction as the change.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime AtUtc { get; set; }

    public string? UserId { get; set; }

    public required string UserName { get; set; }

    public required string EntityType { get; set; }

    public required string EntityId { get; set; }

    public required string Action { get; set; }

    public string? OldValues { get; set; }

    public string? NewValues { get; set; }

    public string? Reason { get; set; }
}

[Flags]
public enum DeviceScopes
{
    None = 0,
    CheckIn = 1,
    ReadAttendance = 2,
}

/// <summary>A kiosk or integration that calls the REST API with an API key. Only a hash of the key is stored.</summary>
public sealed class Device
{
    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The first characters of the key, stored in clear to find the row without scanning every hash.</summary>
    public required string KeyPrefix { get; set; }

    /// <summary>SHA-256 of the whole key, hex. Keys are 256-bit random, so a fast hash is safe here.</summary>
    public required string KeyHash { get; set; }

    public DeviceScopes Scopes { get; set; }

    public bool Enabled { get; set; } = true;

    public DateTime CreatedUtc { get; set; }

    public DateTime? LastSeenUtc { get; set; }
}

/// <summary>
/// Settings changed in the app (the Settings page); a null column falls back to the configured default under
/// "Attendance:". A single row, Id 1.
/// </summary>
public sealed class SettingsRecord
{
    public int Id { get; set; } = 1;

    public double? MatchThreshold { get; set; }

    public TimeSpan? DuplicateWindow { get; set; }

    public string? TimeZone { get; set; }

    public TimeSpan? AutoCheckoutTime { get; set; }

    public TimeSpan? MaxOpenDuration { get; set; }

    public int? RetentionDays { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();
}
