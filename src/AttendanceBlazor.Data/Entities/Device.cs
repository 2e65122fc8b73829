using Microsoft.AspNetCore.Identity;

namespace AttendanceBlazor.Data.Entities;

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
