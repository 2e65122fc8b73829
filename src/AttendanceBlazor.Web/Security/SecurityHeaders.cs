using System.Security.Cryptography;

namespace AttendanceBlazor.Web.Security;

/// <summary>
/// Response headers every page and API answer carries. Scripts come from this origin only, plus the one inline
/// script Blazor renders (its import map), admitted by a nonce made fresh for each response: an injected inline
/// script or event handler does not run. Styles still allow 'unsafe-inline' because MudBlazor sets style
/// attributes (docs/security.md). No site may frame the app.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, Microsoft.Extensions.Options.IOptions<AttendanceBlazor.Application.Accounts.SsoOptions> sso)
{
    private const string NonceItem = "csp-nonce";

    // The sign-in form's post is answered with a redirect to the identity provider, which form-action also governs.
    private readonly string _formTargets = sso.Value.Enabled && Uri.TryCreate(sso.Value.Authority, UriKind.Absolute, out var authority)
        ? "'self' " + authority.GetLeftPart(UriPartial.Authority)
        : "'self'";

    public static string ContentSecurityPolicy(string nonce, string formTargets = "'self'") =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "media-src 'self' blob: mediastream:; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; " +
        $"form-action {formTargets}; frame-ancestors 'none'";

    /// <summary>This response's script nonce (what the import map carries).</summary>
    public static string Nonce(HttpContext context)
    {
        if (context.Items.TryGetValue(NonceItem, out var value) && value is string nonce) return nonce;
        // Hex, not Base64: Razor encodes '+' and '/' in the attribute, and what the markup carries must read the same
        // as the header to anyone comparing them (128 random bits either way).
        nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceItem] = nonce;
        return nonce;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var nonce = Nonce(context);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers["Content-Security-Policy"] = ContentSecurityPolicy(nonce, _formTargets);
            headers["X-Content-Type-Options"] = "nosniff";
            headers["X-Frame-Options"] = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(self), microphone=(), geolocation=(self)";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
