using Microsoft.AspNetCore.Identity;

namespace AttendanceBlazor.Data.Entities;

/// <summary>
/// An integration that calls the REST API with an API key, or a kiosk screen paired by a one-time code
/// (<see cref="Kind"/>). Only hashes of keys and codes are stored.
/// </summary>
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

    public DeviceKind Kind { get; set; }

    /// <summary>For a kiosk waiting to be paired: SHA-256 of its one-time code (single use, see <see cref="PairingExpiresUtc"/>).</summary>
    public string? PairingCodeHash { get; set; }

    public DateTime? PairingExpiresUtc { get; set; }

    /// <summary>For a kiosk: the language it speaks ("en", "de"), or null for the browser's.</summary>
    public string? Culture { get; set; }
}
