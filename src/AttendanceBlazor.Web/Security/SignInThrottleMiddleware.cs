using System.Globalization;

namespace AttendanceBlazor.Web.Security;

/// <summary>
/// Throttles the sign-in forms (password, two-factor code, recovery code): so many posts per address a minute, and
/// so many password attempts per account name whatever the address. Over either, 429 with Retry-After and a
/// sentence, before Identity sees the attempt. Identity's lockout (5 wrong passwords, 15 minutes) works beside it.
/// </summary>
public sealed class SignInThrottleMiddleware(RequestDelegate next, SecurityLimiters limiters, ILogger<SignInThrottleMiddleware> logger)
{
    public static readonly string[] SignInPaths = ["/Account/Login", "/Account/LoginWith2fa", "/Account/LoginWithRecoveryCode"];

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !SignInPaths.Any(p => context.Request.Path.Equals(p, StringComparison.OrdinalIgnoreCase)))
        {
            await next(context);
            return;
        }
        var address = AttemptLimiter.AddressKey(context.Connection.RemoteIpAddress);
        if (limiters.SignInByAddress.Count(address) is { } wait)
        {
            logger.LogWarning("Sign-in attempts from {Address} throttled", address);
            await RefuseAsync(context, wait, "Too many sign-in attempts from this address.");
            return;
        }
        if (context.Request.HasFormContentType && context.Request.Path.Equals("/Account/Login", StringComparison.OrdinalIgnoreCase))
        {
            // Read here (the form is buffered, so the login page reads the same values again).
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var account = form["Input.Email"].ToString().Trim().ToUpperInvariant();
            if (account.Length > 0 && limiters.SignInByAccount.Count(account) is { } accountWait)
            {
                logger.LogWarning("Sign-in attempts for one account throttled (from {Address})", address);
                await RefuseAsync(context, accountWait, "Too many sign-in attempts for this account.");
                return;
            }
        }
        await next(context);
    }

    private static async Task RefuseAsync(HttpContext context, TimeSpan wait, string what)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync($"{what} Try again in {seconds} seconds.", context.RequestAborted);
    }
}
