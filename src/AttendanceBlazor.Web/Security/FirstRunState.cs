using System.Security.Cryptography;
using System.Text;
using AttendanceBlazor.Application.Accounts;

namespace AttendanceBlazor.Web.Security;

/// <summary>
/// Whether the first admin exists yet, and the one-time setup code that /setup asks for until it does. The code is
/// written to the server's log at start-up, so only whoever runs the server (or reads its console) can claim it;
/// someone else on the network who reaches /setup first cannot. Once an admin exists the state stays so for the
/// process, so the check costs one query.
/// </summary>
public sealed class FirstRunState(AccountService accounts)
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private volatile bool _hasAdmin;

    /// <summary>Three groups of four characters from 32 (60 bits): typed from a console, never guessed.</summary>
    public string SetupCode { get; } = string.Join('-', Enumerable.Range(0, 3).Select(_ => RandomNumberGenerator.GetString(Alphabet, 4)));

    public async Task<bool> NeedsSetupAsync()
    {
        if (_hasAdmin) return false;
        _hasAdmin = await accounts.AnyAccountAsync();
        return !_hasAdmin;
    }

    /// <summary>Whether <paramref name="code"/> is the setup code (spaces, dashes and case do not matter).</summary>
    public bool IsSetupCode(string? code)
    {
        static string Clean(string s) => new(s.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        var given = Encoding.ASCII.GetBytes(Clean(code ?? ""));
        var expected = Encoding.ASCII.GetBytes(Clean(SetupCode));
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    public void AdminCreated() => _hasAdmin = true;
}
