using AttendanceBlazor.Data;
using Microsoft.Extensions.Configuration;

namespace AttendanceBlazor.Application.People;

/// <summary>
/// The secret mixed into every PIN hash, kept out of the database: Attendance:PinPepper (base64, 32 bytes or more,
/// from a secret store or the environment) or else a key file, Attendance:PinPepperFile, by default pin-pepper.key in
/// the Data Protection keys folder (DataProtection:KeysDirectory), created on first use and readable by the owner
/// only. Both hosts (web and CLI) find the same one. Lose it and every PIN must be set again.
/// </summary>
public sealed class PinPepper(IConfiguration configuration)
{
    private const int KeyBytes = 32;

    private readonly Lazy<byte[]> _key = new(() => Load(configuration));

    public byte[] Key => _key.Value;

    public static string DefaultFile(IConfiguration configuration) => Path.Combine(
        configuration["DataProtection:KeysDirectory"] ?? Path.Combine(Path.GetDirectoryName(DatabaseOptions.DefaultSqlitePath())!, "keys"),
        "pin-pepper.key");

    private static byte[] Load(IConfiguration configuration)
    {
        if (configuration["Attendance:PinPepper"] is { Length: > 0 } configured)
        {
            var bytes = Convert.FromBase64String(configured);
            if (bytes.Length < KeyBytes) throw new InvalidOperationException($"Attendance:PinPepper must hold at least {KeyBytes} bytes (base64).");
            return bytes;
        }
        var path = configuration["Attendance:PinPepperFile"] is { Length: > 0 } file ? file : DefaultFile(configuration);
        if (File.Exists(path))
        {
            var key = File.ReadAllBytes(path);
            if (key.Length < KeyBytes) throw new InvalidOperationException($"The PIN pepper file '{path}' is shorter than {KeyBytes} bytes.");
            return key;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var created = System.Security.Cryptography.RandomNumberGenerator.GetBytes(KeyBytes);
        try
        {
            // CreateNew: two processes starting at once cannot both write a different key.
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            stream.Write(created);
            return created;
        }
        catch (IOException) when (File.Exists(path))
        {
            return File.ReadAllBytes(path);
        }
    }
}
