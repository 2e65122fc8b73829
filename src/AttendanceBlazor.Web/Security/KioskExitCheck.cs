using AttendanceBlazor.Application.Accounts;
using AttendanceBlazor.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace AttendanceBlazor.Web.Security;

/// <summary>What the kiosk's exit asks: an Admin's own e-mail and password, checked as the sign-in form checks them.</summary>
public enum KioskExitAnswer
{
    Allowed,
    Refused,
    LockedOut,
    TooManyTries,
}

/// <summary>
/// Lets an Admin leave the kiosk in place. The password check counts towards the account's lockout and the sign-in
/// limits per address and per account name, exactly as <c>/Account/Login</c> does, so the kiosk's exit is no side
/// door for guessing; a wrong password, an unknown e-mail and an account that is not an Admin get the same answer.
/// </summary>
public sealed class KioskExitCheck(UserManager<ApplicationUser> users, SecurityLimiters limiters, ILogger<KioskExitCheck> logger)
{
    public async Task<(KioskExitAnswer Answer, string? UserId)> CheckAsync(string? email, string? password, System.Net.IPAddress? address)
    {
        email = email?.Trim() ?? "";
        if (limiters.SignInByAddress.Count(AttemptLimiter.AddressKey(address)) is not null
            || limiters.SignInByAccount.Count(email.ToUpperInvariant()) is not null)
        {
            return (KioskExitAnswer.TooManyTries, null);
        }
        var user = email.Length == 0 ? null : await users.FindByEmailAsync(email);
        if (user is null)
        {
            // The same work as for a real account, so the answer time does not tell who exists.
            users.PasswordHasher.VerifyHashedPassword(new ApplicationUser(), DummyHash, password ?? "");
            return (KioskExitAnswer.Refused, null);
        }
        if (await users.IsLockedOutAsync(user)) return (KioskExitAnswer.LockedOut, null);
        if (!await users.CheckPasswordAsync(user, password ?? ""))
        {
            await users.AccessFailedAsync(user);
            logger.LogWarning("A wrong password at the kiosk's exit for account {UserId}", user.Id);
            return (await users.IsLockedOutAsync(user) ? KioskExitAnswer.LockedOut : KioskExitAnswer.Refused, null);
        }
        await users.ResetAccessFailedCountAsync(user);
        if (!await users.IsInRoleAsync(user, Roles.Admin)) return (KioskExitAnswer.Refused, null);
        logger.LogInformation("Admin {UserId} left the kiosk", user.Id);
        return (KioskExitAnswer.Allowed, user.Id);
    }

    private static readonly string DummyHash = new PasswordHasher<ApplicationUser>().HashPassword(new ApplicationUser(), "not a password anyone has");
}
