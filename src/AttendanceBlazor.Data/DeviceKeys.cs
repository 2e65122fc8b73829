using System.Security.Cryptography;
using System.Text;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AttendanceBlazor.Data;

/// <summary>
/// Device API keys: "att_" and 43 characters of a 256-bit random value. Only the SHA-256 is stored (a slow password
/// hash adds nothing for a random 256-bit secret), with a clear prefix to find the row.
/// </summary>
public static class DeviceKeys
{
    public const int PrefixLength = 12;

    public static string NewKey() => "att_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string Prefix(string key) => key.Length >= PrefixLength ? key[..PrefixLength] : key;

    public const int MaxNameLength = 100;

    /// <summary>Whether <paramref name="name"/> (trimmed) can name a device.</summary>
    public static bool IsValidName(string? name) => name?.Trim().Length is > 0 and <= MaxNameLength;

    /// <summary>A new device and its key, which is shown once and never stored; the caller adds and saves it.</summary>
    public static (Device Device, string Key) New(string name, DeviceScopes scopes, DateTime nowUtc)
    {
        if (!IsValidName(name)) throw new ArgumentException($"A device name has 1 to {MaxNameLength} characters.", nameof(name));
        var key = NewKey();
        return (new Device { Name = name.Trim(), KeyPrefix = Prefix(key), KeyHash = Hash(key), Scopes = scopes, CreatedUtc = nowUtc }, key);
    }

    /// <summary>Creates and saves a device, for tests and tools that need a key and no audit.</summary>
    public static async Task<(Device Device, string Key)> CreateAsync(AttendanceDbContext db, string name, DeviceScopes scopes, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var (device, key) = New(name, scopes, nowUtc);
        if (await db.Devices.AnyAsync(d => d.Name == device.Name, cancellationToken))
        {
            throw new InvalidOperationException($"A device named '{device.Name}' already exists.");
        }
        db.Devices.Add(device);
        await db.SaveChangesAsync(cancellationToken);
        return (device, key);
    }

    /// <summary>The enabled device this key belongs to, or null. The hash comparison takes constant time.</summary>
    public static async Task<Device?> FindAsync(AttendanceDbContext db, string key, CancellationToken cancellationToken = default) =>
        await FindAsync(db, key, DeviceKind.ApiKey, cancellationToken);

    /// <summary>The enabled device of <paramref name="kind"/> this secret belongs to: a kiosk's cookie never passes as an API key.</summary>
    public static async Task<Device?> FindAsync(AttendanceDbContext db, string key, DeviceKind kind, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 200) return null;
        var prefix = Prefix(key);
        var hash = Encoding.ASCII.GetBytes(Hash(key));
        var candidates = await db.Devices.Where(d => d.KeyPrefix == prefix && d.Enabled && d.Kind == kind).ToListAsync(cancellationToken);
        return candidates.FirstOrDefault(d => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(d.KeyHash), hash));
    }

    public static DeviceScopes ParseScopes(IEnumerable<string> scopes)
    {
        var result = DeviceScopes.None;
        foreach (var s in scopes)
        {
            result |= s.Trim().ToLowerInvariant() switch
            {
                "check-in" or "checkin" => DeviceScopes.CheckIn,
                "read-attendance" or "read" => DeviceScopes.ReadAttendance,
                "read-timesheets" => DeviceScopes.ReadTimesheets,
                "all" => DeviceScopes.CheckIn | DeviceScopes.ReadAttendance | DeviceScopes.ReadTimesheets,
                _ => throw new ArgumentException($"Unknown scope '{s}'. Scopes: check-in, read-attendance, read-timesheets, all."),
            };
        }
        return result;
    }

    public static string FormatScopes(DeviceScopes scopes) => scopes switch
    {
        DeviceScopes.None => "none",
        _ => string.Join(",", new[] { scopes.HasFlag(DeviceScopes.CheckIn) ? "check-in" : null, scopes.HasFlag(DeviceScopes.ReadAttendance) ? "read-attendance" : null, scopes.HasFlag(DeviceScopes.ReadTimesheets) ? "read-timesheets" : null }.Where(s => s is not null)),
    };

    /// <summary>Letters and digits nobody confuses on a tablet's keyboard (no 0/O, 1/I/L).</summary>
    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    /// <summary>A kiosk's one-time pairing code, "XXXX-XXXX": 40 bits, single use, valid for minutes.</summary>
    public static string NewPairingCode()
    {
        Span<char> code = stackalloc char[9];
        for (var i = 0; i < code.Length; i++) code[i] = i == 4 ? '-' : CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)];
        return new string(code);
    }

    /// <summary>
    /// What a pairing code is stored and looked up by: an HMAC-SHA256 with a server-held key (the PIN pepper), so a
    /// reader of the database cannot try the 40 bits offline within the code's ten minutes (security recheck N9).
    /// Case, spaces and dashes do not matter.
    /// </summary>
    public static string PairingCodeHash(string code, byte[] serverKey) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(serverKey, Encoding.UTF8.GetBytes(new string(code.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray()))));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
