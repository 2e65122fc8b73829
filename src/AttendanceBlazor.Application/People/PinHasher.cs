using System.Security.Cryptography;
using System.Text;
using AttendanceBlazor.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace AttendanceBlazor.Application.People;

/// <summary>
/// Hashes PINs: HMAC-SHA256 with the server's pepper (PinPepper), then the same salted PBKDF2 as passwords. A PIN has
/// at most 10^8 values, so PBKDF2 alone falls to a search in minutes from a stolen database; with the pepper, which
/// is not in the database, the search cannot start. Hashes are versioned ("p1:"); a hash from before the pepper
/// still verifies and is replaced on the person's next correct PIN.
/// </summary>
public sealed class PinHasher(PinPepper pepper)
{
    private const string Peppered = "p1:";

    private static readonly PasswordHasher<Person> Hasher = new();

    /// <summary>The hasher ignores the user object for its format; one placeholder serves every check.</summary>
    private static readonly Person Subject = new() { DisplayName = "", NormalizedName = "" };

    private readonly Lazy<string> _dummy = new(() => Peppered + Hasher.HashPassword(Subject, "dummy PIN"));

    public string Hash(string pin) => Peppered + Hasher.HashPassword(Subject, Mix(pin));

    /// <summary>
    /// Whether <paramref name="pin"/> matches <paramref name="hash"/>; with no hash, the same work against a dummy,
    /// and false. <c>Upgrade</c>: the hash predates the pepper and should be replaced.
    /// </summary>
    public (bool Matches, bool Upgrade) Verify(string? hash, string pin)
    {
        var stored = hash ?? _dummy.Value;
        var peppered = stored.StartsWith(Peppered, StringComparison.Ordinal);
        var result = Hasher.VerifyHashedPassword(Subject, peppered ? stored[Peppered.Length..] : stored, peppered ? Mix(pin) : pin);
        var matches = result != PasswordVerificationResult.Failed && hash is not null;
        return (matches, matches && (!peppered || result == PasswordVerificationResult.SuccessRehashNeeded));
    }

    private string Mix(string pin) => Convert.ToBase64String(HMACSHA256.HashData(pepper.Key, Encoding.UTF8.GetBytes(pin)));
}
