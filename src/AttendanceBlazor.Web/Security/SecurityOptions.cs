using System.ComponentModel.DataAnnotations;

namespace AttendanceBlazor.Web.Security;

/// <summary>Section "Security": transport and proxy settings. Validated at start-up.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// Addresses of reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (for example
    /// "127.0.0.1" for a proxy on the same machine). Empty: nobody's forwarded headers are read.
    /// </summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of such proxies in CIDR notation ("10.0.0.0/8").</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>
    /// Redirect plain HTTP pages to HTTPS, refuse REST calls over plain HTTP and mark every cookie Secure. Off by
    /// default because the README's localhost run, the tests and the seed's device clients use plain HTTP; cookies
    /// are Secure and HSTS is sent whenever a request arrives over HTTPS, directly or through a known proxy.
    /// </summary>
    public bool RequireHttps { get; set; }

    /// <summary>How long browsers remember to use HTTPS only (the Strict-Transport-Security max-age).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "730.00:00:00")]
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);
}
