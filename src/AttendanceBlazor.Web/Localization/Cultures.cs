using System.Globalization;
using System.Security.Claims;
using AttendanceBlazor.Application;
using Microsoft.AspNetCore.Localization;
using MudBlazor;

namespace AttendanceBlazor.Web.Localization;

/// <summary>
/// The languages the product speaks and how one is chosen for a request: the person's own choice (a claim on their
/// account, or the kiosk device's setting), then the browser's Accept-Language among the supported ones, then English.
/// A Blazor circuit keeps the culture of the request that opened it.
/// </summary>
public static class Cultures
{
    public const string Default = Languages.Default;

    /// <summary>Neutral cultures: "de-AT" and "de-CH" browsers get German, "en-GB" English.</summary>
    public static IReadOnlyList<string> Supported => Languages.Supported;

    /// <summary>The claim a signed-in account or a paired kiosk carries when it chose a language.</summary>
    public const string ClaimType = AttendanceBlazor.Application.Languages.ClaimType;

    /// <summary>A supported culture name for a stored choice, or null for "the browser's language".</summary>
    public static string? Normalize(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : Supported.FirstOrDefault(c => string.Equals(c, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The first supported language of the request's Accept-Language, by quality; else the default.</summary>
    public static string FromBrowser(HttpRequest request) =>
        request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => Normalize(l.Value.Value?.Split('-')[0]))
            .FirstOrDefault(c => c is not null) ?? Default;

    /// <summary>The language's own name, as a language picker shows it.</summary>
    public static string NativeName(string name) => CultureInfo.GetCultureInfo(name).TextInfo.ToTitleCase(CultureInfo.GetCultureInfo(name).NativeName);

    public static IServiceCollection AddAttendanceLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        // German (and every later language) written as itself in the page, not as &#xE4; escapes.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        // MudBlazor's own words (pager, pickers, close buttons) from the same resource, under MudBlazor's keys.
        services.AddTransient<MudLocalizer, MudTexts>();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(Default).AddSupportedCultures([.. Supported]).AddSupportedUICultures([.. Supported]);
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            // The stored choice first; then Accept-Language. No query string or cookie: a link cannot switch someone's language.
            o.RequestCultureProviders =
            [
                new CustomRequestCultureProvider(c => Task.FromResult(Chosen(c.User))),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    private static ProviderCultureResult? Chosen(ClaimsPrincipal user) =>
        Normalize(user.FindFirst(ClaimType)?.Value) is { } culture ? new ProviderCultureResult(culture) : null;
}
