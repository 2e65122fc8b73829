using AttendanceBlazor.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace AttendanceBlazor.Application.People;

/// <summary>What a PIN may be, and how it is hashed: the same salted PBKDF2 as passwords.</summary>
public static class PinPolicy
{
    public const int MinLength = 4;
    public const int MaxLength = 8;

    private static readonly PasswordHasher<Person> Hasher = new();

    /// <summary>The hasher ignores the user object for its format; one placeholder serves every check.</summary>
    private static readonly Person Subject = new() { DisplayName = "", NormalizedName = "" };

    /// <summary>Checked against when a name is unknown, so an unknown name costs the same hash as a known one.</summary>
    private static readonly string DummyHash = Hasher.HashPassword(Subject, "00000000");

    /// <summary>Null when the PIN may be used, else why not.</summary>
    public static Outcome? Problem(string? pin)
    {
        if (pin is null || pin.Length is < MinLength or > MaxLength || !pin.All(char.IsAsciiDigit)) return Outcome.BadPin;
        if (pin.Distinct().Count() == 1 || "0123456789".Contains(pin, StringComparison.Ordinal) || "9876543210".Contains(pin, StringComparison.Ordinal))
        {
            return Outcome.PinTooEasy;
        }
        return null;
    }

    public static string Hash(string pin) => Hasher.HashPassword(Subject, pin);

    /// <summary>Whether <paramref name="pin"/> matches <paramref name="hash"/>; with no hash, the same work against a dummy, and false.</summary>
    public static bool Verify(string? hash, string pin) =>
        Hasher.VerifyHashedPassword(Subject, hash ?? DummyHash, pin) != PasswordVerificationResult.Failed && hash is not null;
}
