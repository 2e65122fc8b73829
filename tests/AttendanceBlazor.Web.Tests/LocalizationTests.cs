using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AttendanceBlazor.Application.Devices;
using AttendanceBlazor.Data.Entities;
using AttendanceBlazor.Testing;
using AttendanceBlazor.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceBlazor.Web.Tests;

/// <summary>
/// Every string a person reads comes from SharedResource, in English and German: a key used in the code and missing
/// from either file fails here, as does a translation that drops a placeholder. The language follows the account's
/// choice, then the kiosk's setting, then the browser; the REST API stays English whatever the caller asks.
/// </summary>
public sealed partial class LocalizationTests : IDisposable
{
    private readonly AppFactory _app = new();

    private static string WebProject => Path.Combine(TestFaces.RepositoryRoot, "src", "AttendanceBlazor.Web");

    private static Dictionary<string, string> Resource(string file) =>
        XDocument.Load(Path.Combine(WebProject, "Resources", file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    /// <summary>The literal keys the code asks for: L["..."], and the messages and field names of form validation.</summary>
    private static IEnumerable<(string Key, string File)> KeysInCode()
    {
        foreach (var file in Directory.EnumerateFiles(WebProject, "*.*", SearchOption.AllDirectories)
                     .Where(f => (f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                                 && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            foreach (var pattern in new[] { LocalizerKey(), ValidationKey() })
            {
                foreach (Match m in pattern.Matches(text)) yield return (Regex.Unescape(m.Groups[1].Value), Path.GetFileName(file));
            }
        }
    }

    [GeneratedRegex("""\bL\["((?:[^"\\]|\\.)*)"[\],]""")]
    private static partial Regex LocalizerKey();

    [GeneratedRegex("""(?:ErrorMessage = |Display\(Name = |: base\()"((?:[^"\\]|\\.)*)"[,)]""")]
    private static partial Regex ValidationKey();

    [GeneratedRegex("""\{(\d+)(?::[^}]*)?\}""")]
    private static partial Regex Placeholder();

    [Fact]
    public async Task IdentitysRefusalsOfAPasswordSpeakTheReadersLanguageInTheFormsWords()
    {
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("de");
        try
        {
            var refused = await _app.Services.GetRequiredService<Application.Accounts.AccountService>()
                .CreateAsync("weak@example.com", "kurz", ["Employee"], new Application.Audit.Actor(null, "admin@example.com"));

            Assert.False(refused.Succeeded);
            Assert.Contains("Das Passwort braucht mindestens 10 Zeichen.", refused.Detail);
            Assert.DoesNotContain("Passwords must", refused.Detail);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void EveryKeyTheCodeUsesIsInEnglishAndGerman()
    {
        var english = Resource("SharedResource.resx");
        var german = Resource("SharedResource.de.resx");
        var keys = KeysInCode().ToList();
        Assert.True(keys.Count > 500, $"only {keys.Count} keys found: is the pattern still right?");
        var missing = keys.Where(k => !english.ContainsKey(k.Key) || !german.ContainsKey(k.Key))
            .Select(k => $"{k.File}: {k.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, "missing from SharedResource.resx or SharedResource.de.resx:\n" + string.Join("\n", missing));
        // Keys used only at run time: the role names on the Users page and the default consent at the kiosk.
        foreach (var key in Roles.All.Append(new AttendanceOptions().ConsentText))
        {
            Assert.True(german.ContainsKey(key) && english.ContainsKey(key), key);
        }
    }

    [Fact]
    public void EnglishAndGermanHaveTheSameKeysAndEveryTranslationKeepsItsPlaceholders()
    {
        var english = Resource("SharedResource.resx");
        var german = Resource("SharedResource.de.resx");
        Assert.Empty(english.Keys.Except(german.Keys));
        // The resource compiler keeps one of two names that differ only in case, and the other is never found.
        Assert.Empty(english.Keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => string.Join(" / ", g)));
        Assert.Empty(german.Keys.Except(english.Keys));
        var broken = german.Where(g => string.IsNullOrWhiteSpace(g.Value)
                                       || !Placeholders(g.Key).SetEquals(Placeholders(g.Value))
                                       || !Placeholders(english[g.Key]).SetEquals(Placeholders(g.Value)))
            .Select(g => $"{g.Key} -> {g.Value}").ToList();
        Assert.True(broken.Count == 0, string.Join("\n", broken));
    }

    private static HashSet<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Groups[1].Value).ToHashSet();

    [Theory]
    [InlineData("de-DE,de;q=0.9,en;q=0.5", "de", "Anmelden", "Passwort")]
    [InlineData("de-AT", "de", "Anmelden", "Passwort")]
    [InlineData("en-GB,en;q=0.9", "en", "Log in", "Password")]
    [InlineData("fr-FR,fr;q=0.9", "en", "Log in", "Password")]
    public async Task ThePagesSpeakTheBrowsersLanguageAmongTheSupportedOnes(string acceptLanguage, string lang, string title, string label)
    {
        await _app.CreateUserAsync("admin@example.com", Roles.Admin);
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);
        var html = await client.GetStringAsync("/Account/Login");
        Assert.Contains($"<html lang=\"{lang}\">", html);
        Assert.Contains($"<title>{title}</title>", html);
        Assert.Contains($">{label}</label>", html);
        // Written as itself, not as &#xFC; escapes.
        if (lang == "de") Assert.Contains("unter „Benutzer und Rollen“ ein neues setzen", html);
    }

    [Fact]
    public async Task FormValidationSpeaksGerman()
    {
        await _app.CreateUserAsync("admin@example.com", Roles.Admin);
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add("Accept-Language", "de");
        var form = await client.GetStringAsync("/Account/Login");
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SignIn.AntiforgeryToken(form),
            ["_handler"] = "login",
            ["Input.Email"] = "",
            ["Input.Password"] = "",
        }));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Das Feld E-Mail ist erforderlich.", html);
        Assert.DoesNotContain("field is required", html);
    }

    [Fact]
    public async Task AnAccountsChosenLanguageWinsOverTheBrowsersAndCanBeChangedOnTheProfilePage()
    {
        await _app.CreateUserAsync("anna@example.com", Roles.Employee);
        var client = await _app.SignedInClientAsync("anna@example.com");
        client.DefaultRequestHeaders.Add("Accept-Language", "en-US");
        var profile = await client.GetStringAsync("/Account/Manage");
        Assert.Contains("<title>Profile</title>", profile);

        var saved = await client.PostAsync("/Account/Manage", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SignIn.AntiforgeryToken(profile),
            ["_handler"] = "language",
            ["Language"] = "de",
        }));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var german = await client.GetStringAsync("/Account/Manage");
        Assert.Contains("<html lang=\"de\">", german);
        Assert.Contains("<title>Profil</title>", german);
        Assert.Contains("Ihre Sprache ist gespeichert.", german);
        using (var scope = _app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var claims = await users.GetClaimsAsync((await users.FindByEmailAsync("anna@example.com"))!);
            Assert.Equal("de", Assert.Single(claims, c => c.Type == Cultures.ClaimType).Value);
        }

        // Back to the browser's language: the claim goes, English comes back.
        await client.PostAsync("/Account/Manage", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SignIn.AntiforgeryToken(german),
            ["_handler"] = "language",
            ["Language"] = "",
        }));
        Assert.Contains("<title>Profile</title>", await client.GetStringAsync("/Account/Manage"));

        // A language the product does not speak is refused and changes nothing.
        var refused = await client.PostAsync("/Account/Manage", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SignIn.AntiforgeryToken(await client.GetStringAsync("/Account/Manage")),
            ["_handler"] = "language",
            ["Language"] = "xx",
        }));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var after = await client.GetStringAsync("/Account/Manage");
        Assert.Contains("Choose one of the offered languages.", WebUtility.HtmlDecode(after));
        Assert.Contains("<title>Profile</title>", after);
    }

    [Fact]
    public async Task AKioskSpeaksTheLanguageSetForItOnTheDevicesPageAndTheChangeIsAudited()
    {
        await _app.CreateUserAsync("admin@example.com", Roles.Admin);
        var devices = _app.Services.GetRequiredService<DeviceService>();
        var admin = new Actor(null, "admin@example.com");
        var created = await devices.CreateKioskAsync("Lobby", admin);
        var tablet = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        tablet.DefaultRequestHeaders.Add("Accept-Language", "en-US");
        var pair = await tablet.GetStringAsync("/kiosk/pair");
        await tablet.PostAsync("/kiosk/pairing", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SignIn.AntiforgeryToken(pair),
            ["code"] = created.Secret!,
        }));
        Assert.Contains("<html lang=\"en\">", await tablet.GetStringAsync("/kiosk"));

        var id = int.Parse(created.CreatedId!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Outcome.UnknownLanguage, (await devices.SetLanguageAsync(id, "fr", admin)).Outcome);
        Assert.Equal(Outcome.DeviceLanguageSet, (await devices.SetLanguageAsync(id, "de", admin)).Outcome);
        var kiosk = await tablet.GetStringAsync("/kiosk");
        Assert.Contains("<html lang=\"de\">", kiosk);
        Assert.Contains("Kamera wird gestartet", kiosk, StringComparison.Ordinal);

        await using var db = await _app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Data.AttendanceDbContext>>().CreateDbContextAsync();
        var audit = Assert.Single(db.AuditEntries, a => a.Action == Application.Audit.AuditActions.DeviceLanguage);
        Assert.Contains("\"de\"", audit.NewValues);
    }

    [Fact]
    public async Task TheRestApiStaysEnglishWhateverTheCallerAsks()
    {
        var api = await _app.ApiClientAsync();
        api.DefaultRequestHeaders.Add("Accept-Language", "de-DE");
        var response = await api.PostAsync("/check_in_or_out", AppFactory.Form(null, "Zoë\u200B"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Sie", body);
        Assert.Matches("[Ii]mage|name", body);
    }

    [Fact]
    public void GermanDatesAndNumbersAreWrittenTheGermanWay()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("de");
            Assert.Equal("1. Dez.", Formats.DayMonth(new DateOnly(2026, 12, 1)));
            Assert.Equal("Di, 1. Dez.", Formats.WeekdayDayMonth(new DateTime(2026, 12, 1, 17, 0, 0)));
            Assert.Equal("7,5", Formats.Hours(7.5));
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("en");
            Assert.Equal("1 Dec", Formats.DayMonth(new DateOnly(2026, 12, 1)));
            Assert.Equal("Tue 1 Dec", Formats.WeekdayDayMonth(new DateTime(2026, 12, 1, 17, 0, 0)));
            Assert.Equal("7.5", Formats.Hours(7.5));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    public void Dispose() => _app.Dispose();
}
