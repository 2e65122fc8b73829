using System.Security.Claims;
using System.Text.Encodings.Web;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Web.Security;

/// <summary>
/// Authenticates REST calls by the X-Api-Key header against the hashed device keys. No cookies, so the API needs
/// no antiforgery token. A missing or wrong key answers 401 with a message; a key without the endpoint's scope, 403.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDbContextFactory<AttendanceDbContext> dbFactory,
    SecurityLimiters limiters,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string ScopeClaim = "scope";
    public const string DeviceClaim = "device";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
        {
            return AuthenticateResult.NoResult();
        }
        // The key is checked first and only wrong keys are counted, so a valid key is never turned away because
        // others (behind the same proxy or NAT) sent wrong ones. Guessing a 256-bit key gains nothing from the
        // lookups an address makes while blocked; the block keeps a misconfigured device from hammering the database.
        var address = AttemptLimiter.AddressKey(Context.Connection.RemoteIpAddress);
        var blocked = limiters.FailedKeys.Blocked(address);
        await using var db = await dbFactory.CreateDbContextAsync(Context.RequestAborted);
        var device = await DeviceKeys.FindAsync(db, values.ToString().Trim(), Context.RequestAborted);
        if (device is null)
        {
            if ((blocked ?? limiters.FailedKeys.Count(address)) is { } wait)
            {
                Context.Items[BlockedItem] = wait;
                Logger.LogWarning("Wrong API keys from {Address} refused for {Seconds} s", address, (int)wait.TotalSeconds);
                return AuthenticateResult.Fail("Too many wrong API keys from this address.");
            }
            return AuthenticateResult.Fail("The API key is not valid or its device was revoked.");
        }
        // Last seen, at most once a minute, so a busy kiosk does not write on every call.
        var now = time.GetUtcNow().UtcDateTime;
        if (device.LastSeenUtc is null || now - device.LastSeenUtc > TimeSpan.FromMinutes(1))
        {
            device.LastSeenUtc = now;
            try
            {
                await db.SaveChangesAsync(Context.RequestAborted);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Bookkeeping only: a busy or failing database must not turn away a valid key.
                Logger.LogWarning(ex, "Could not record when device {Device} was last seen", device.Name);
            }
        }
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, $"device:{device.Id}"),
            new(ClaimTypes.Name, device.Name),
            new(DeviceClaim, device.Name),
        };
        if (device.Scopes.HasFlag(DeviceScopes.CheckIn)) claims.Add(new Claim(ScopeClaim, "check-in"));
        if (device.Scopes.HasFlag(DeviceScopes.ReadAttendance)) claims.Add(new Claim(ScopeClaim, "read-attendance"));
        if (device.Scopes.HasFlag(DeviceScopes.ReadTimesheets)) claims.Add(new Claim(ScopeClaim, "read-timesheets"));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private const string BlockedItem = "ApiKey.BlockedFor";

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.TryGetValue(BlockedItem, out var item) && item is TimeSpan wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Problem(StatusCodes.Status429TooManyRequests, "Too many requests", $"too many wrong API keys from this address; try again in {seconds} s");
            return;
        }
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        await Problem(StatusCodes.Status401Unauthorized, "Unauthorized",
            failure ?? $"Send a device API key in the {HeaderName} header.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problem(StatusCodes.Status403Forbidden, "Forbidden", "This device key does not have the scope this endpoint needs.");

    private async Task Problem(int status, string title, string detail)
    {
        Response.StatusCode = status;
        await Results.Problem(statusCode: status, title: title, detail: detail, extensions: new Dictionary<string, object?> { ["error"] = detail })
            .ExecuteAsync(Context);
    }
}
