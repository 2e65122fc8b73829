using System.ComponentModel.DataAnnotations;

namespace AttendanceBlazor.Web.Security;

/// <summary>Section "RateLimits": how fast devices, browsers and kiosks may try things. Validated at start-up.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>REST calls per device key per minute (a kiosk sends a still every few seconds at most).</summary>
    [Range(1, 100_000_000)]
    public int ApiPermitsPerMinute { get; set; } = 120;

    /// <summary>Wrong API keys from one address within <see cref="FailedKeyWindow"/> before that address is refused.</summary>
    [Range(1, 100_000)]
    public int FailedKeyAttempts { get; set; } = 10;

    public TimeSpan FailedKeyWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Sign-in form posts (password, two-factor or recovery code) from one address per minute.</summary>
    [Range(1, 100_000_000)]
    public int SignInPerAddressPerMinute { get; set; } = 10;

    /// <summary>Kiosk pairing codes typed from one address per minute (their own limit, apart from sign-ins).</summary>
    [Range(1, 100_000_000)]
    public int PairingPerAddressPerMinute { get; set; } = 10;

    /// <summary>
    /// Password sign-ins naming one account per <see cref="SignInAccountWindow"/>, from any address. Above the
    /// lockout's 5 wrong passwords, so the lockout answers first for real accounts; this one also slows guessing
    /// spread over many addresses and names that have no account (which never lock).
    /// </summary>
    [Range(1, 100_000)]
    public int SignInPerAccount { get; set; } = 10;

    public TimeSpan SignInAccountWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Check-ins one kiosk (a paired tablet, or the account that opened it) may send per minute, across its pages; a
    /// liveness burst counts as one. A person needs a few seconds at the camera, so 20 leaves room for a queue at
    /// shift change.
    /// </summary>
    [Range(1, 100_000_000)]
    public int KioskCapturesPerMinute { get; set; } = 20;

    /// <summary>Kiosk pages one paired kiosk may have open at once on a node (a tablet, and its page reloaded).</summary>
    [Range(1, 100_000)]
    public int CircuitsPerKiosk { get; set; } = 2;

    /// <summary>Camera pages of one account at once on a node: a kiosk it opened (while open), its own tabs (while their camera is on).</summary>
    [Range(1, 100_000)]
    public int CircuitsPerAccount { get; set; } = 3;

    /// <summary>Personal check-ins (face or button) one account may make per minute.</summary>
    [Range(1, 100_000_000)]
    public int PersonalCheckInsPerMinute { get; set; } = 6;

    /// <summary>Addresses, accounts or circuits each counter remembers before newcomers share one bucket (bounds memory).</summary>
    [Range(100, 10_000_000)]
    public int MaxTrackedKeys { get; set; } = 10_000;
}
