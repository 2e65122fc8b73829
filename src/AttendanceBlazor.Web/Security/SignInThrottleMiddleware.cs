using System.Globalization;

namespace AttendanceBlazor.Web.Security;

public enum SignInForm
{
    /// <summary>E-mail and password: counted per address and per account name.</summary>
    Password,

    /// <summary>A two-factor or recovery code: counted per address.</summary>
    Code,
}

/// <summary>Marks a sign-in page's endpoint for <see cref="SignInThrottleMiddleware"/> (a component's attributes are its endpoint's metadata).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SignInThrottledAttribute(SignInForm form) : Attribute
{
    public SignInForm Form { get; } = form;
}

/// <summary>
/// Throttles the sign-in forms (password, two-factor code, recovery code): so many posts per address a minute, and
/// so many password attempts per account name whatever the address. Over either, 429 with Retry-After and a
/// sentence, before Identity sees the attempt. Identity's lockout (5 wrong passwords, 15 minutes) works beside it.
/// The forms are found by their endpoint (routing runs first), never by a path string, so "/Account/Login/" or any
/// other spelling routing sends to the same page is counted the same (security recheck N1).
/// </summary>
public sealed class SignInThrottleMiddleware(RequestDelegate next, SecurityLimiters limiters, ILogger<SignInThrottleMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var throttled = context.GetEndpoint()?.Metadata.GetMetadata<SignInThrottledAttribute>();
        if (!HttpMethods.IsPost(context.Request.Method) || throttled is null)
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
        if (context.Request.HasFormContentType && throttled.Form == SignInForm.Password)
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
