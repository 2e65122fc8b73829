using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Web.Security;

/// <summary>The app's attempt counters, one instance per process (each node of a cluster counts on its own).</summary>
public sealed class SecurityLimiters(IOptions<RateLimitOptions> options, TimeProvider time)
{
    private readonly RateLimitOptions _o = options.Value;

    /// <summary>Wrong API keys per client address.</summary>
    public AttemptLimiter FailedKeys { get; } = new(options.Value.FailedKeyAttempts, options.Value.FailedKeyWindow, options.Value.MaxTrackedKeys, time);

    /// <summary>Kiosk pairing codes typed per client address (its own limit: sign-ins from the same office do not hold pairing off).</summary>
    public AttemptLimiter PairingByAddress { get; } = new(options.Value.PairingPerAddressPerMinute, TimeSpan.FromMinutes(1), options.Value.MaxTrackedKeys, time);

    /// <summary>Sign-in form posts per client address.</summary>
    public AttemptLimiter SignInByAddress { get; } = new(options.Value.SignInPerAddressPerMinute, TimeSpan.FromMinutes(1), options.Value.MaxTrackedKeys, time);

    /// <summary>Password sign-ins per account name.</summary>
    public AttemptLimiter SignInByAccount { get; } = new(options.Value.SignInPerAccount, options.Value.SignInAccountWindow, options.Value.MaxTrackedKeys, time);

    /// <summary>Check-ins per kiosk circuit.</summary>
    public AttemptLimiter KioskCaptures { get; } = new(options.Value.KioskCapturesPerMinute, TimeSpan.FromMinutes(1), options.Value.MaxTrackedKeys, time);

    /// <summary>Personal check-ins per account.</summary>
    public AttemptLimiter PersonalCheckIns { get; } = new(options.Value.PersonalCheckInsPerMinute, TimeSpan.FromMinutes(1), options.Value.MaxTrackedKeys, time);

    public RateLimitOptions Options => _o;
}
