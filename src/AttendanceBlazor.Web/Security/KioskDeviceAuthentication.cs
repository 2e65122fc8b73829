using System.Security.Claims;
using System.Text.Encodings.Web;
using AttendanceBlazor.Application.Accounts;
using AttendanceBlazor.Application.Devices;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Web.Security;

/// <summary>
/// A kiosk paired by a one-time code, not an account: the tablet's cookie holds the kiosk's secret (only its hash
/// is stored), checked against the Devices row on every request and, through the revalidating authentication state,
/// every minute of a circuit. It opens the kiosk page and its circuit only; every other page sees nobody signed in.
/// </summary>
public sealed class KioskDeviceAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    DeviceService devices)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "KioskDevice";
    public const string CookieName = "att_kiosk";
    public const string DeviceClaim = "kiosk_device";

    /// <summary>The default scheme: a paired tablet (kiosk cookie, no sign-in cookie) is the kiosk; anyone else as Identity says.</summary>
    public const string SelectorScheme = "AccountOrKiosk";

    /// <summary>The only paths the kiosk cookie opens: the page, and the circuit's hub it connects through.</summary>
    /// <summary>
    /// What the tablet's cookie opens: the kiosk, its circuit, and its own exit (whose form carries an antiforgery token
    /// issued to the kiosk; posted as nobody, it failed validation and the tablet could never be unpaired).
    /// </summary>
    public static bool Opens(PathString path) =>
        path.Equals("/kiosk", StringComparison.OrdinalIgnoreCase) || path.Equals("/kiosk/forget", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase);

    public static bool IsPairedTablet(HttpContext context) =>
        context.Request.Cookies.ContainsKey(CookieName) && !context.Request.Cookies.ContainsKey(IdentityCookieName);

    private const string IdentityCookieName = ".AspNetCore.Identity.Application";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Opens(Request.Path) || !Request.Cookies.TryGetValue(CookieName, out var secret)) return AuthenticateResult.NoResult();
        var device = await devices.FindKioskAsync(secret, Context.RequestAborted);
        if (device is null) return AuthenticateResult.NoResult();
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, $"kiosk-device:{device.Id}"),
                new Claim(ClaimTypes.Name, device.Name),
                new Claim(ClaimTypes.Role, Roles.Kiosk),
                new Claim(DeviceClaim, device.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ], SchemeName);
        // The language set for this kiosk on the Devices page, read by the request localization after sign-in.
        if (device.Culture is { } culture) identity.AddClaim(new Claim(Localization.Cultures.ClaimType, culture));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>The device a principal is, when it is a paired kiosk.</summary>
    public static int? DeviceId(ClaimsPrincipal? user) =>
        int.TryParse(user?.FindFirst(DeviceClaim)?.Value, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>
    /// Sets the tablet's cookie: HttpOnly, SameSite=Strict, kept for a year; Secure over HTTPS, and always where
    /// Security:RequireHttps is on, as every other cookie (security recheck N11).
    /// </summary>
    public static void SetCookie(HttpContext context, string secret, DateTimeOffset now) =>
        context.Response.Cookies.Append(CookieName, secret, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps || context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityOptions>>().Value.RequireHttps,
            Path = "/",
            Expires = now.AddYears(1),
            IsEssential = true,
        });

    public static void ClearCookie(HttpContext context) => context.Response.Cookies.Delete(CookieName, new CookieOptions
    {
        Path = "/",
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps || context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityOptions>>().Value.RequireHttps,
    });

    /// <summary>Chooses the scheme for a request; challenges and sign-ins always go to Identity.</summary>
    public static void Select(PolicySchemeOptions o)
    {
        o.ForwardDefaultSelector = c => IsPairedTablet(c) ? SchemeName : IdentityConstants.ApplicationScheme;
        o.ForwardChallenge = IdentityConstants.ApplicationScheme;
        o.ForwardForbid = IdentityConstants.ApplicationScheme;
        o.ForwardSignIn = IdentityConstants.ApplicationScheme;
        o.ForwardSignOut = IdentityConstants.ApplicationScheme;
    }
}
