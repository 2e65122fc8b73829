using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace AttendanceBlazor.Web.Text;

/// <summary>
/// The password rules in words and as a browser pattern, from the one place that sets them (IdentityOptions,
/// shared by the web app and the CLI), so the Setup page, the New user dialog and Change password say what is
/// checked, and say it before the form is sent.
/// </summary>
public static class PasswordRules
{
    public static string Describe(IStringLocalizer L, PasswordOptions o)
    {
        var needs = Needs(L, o).ToList();
        return needs.Count == 0
            ? L["At least {0} characters.", o.RequiredLength]
            : L["At least {0} characters, with {1}.", o.RequiredLength, Join(L, needs)];
    }

    /// <summary>What <paramref name="password"/> still lacks, in words; empty when it passes.</summary>
    public static IReadOnlyList<string> Missing(IStringLocalizer L, string? password, PasswordOptions o)
    {
        password ??= "";
        var missing = new List<string>();
        if (password.Length < o.RequiredLength) missing.Add(L["{0} more characters", o.RequiredLength - password.Length]);
        if (o.RequireUppercase && !password.Any(char.IsUpper)) missing.Add(L["an upper-case letter"]);
        if (o.RequireLowercase && !password.Any(char.IsLower)) missing.Add(L["a lower-case letter"]);
        if (o.RequireDigit && !password.Any(char.IsAsciiDigit)) missing.Add(L["a digit"]);
        if (o.RequireNonAlphanumeric && password.All(char.IsAsciiLetterOrDigit)) missing.Add(L["a symbol such as - or !"]);
        return missing;
    }

    /// <summary>The HTML pattern attribute for the same rules (the browser checks it before submitting).</summary>
    public static string HtmlPattern(PasswordOptions o)
    {
        var pattern = new StringBuilder();
        if (o.RequireUppercase) pattern.Append("(?=.*[A-Z])");
        if (o.RequireLowercase) pattern.Append("(?=.*[a-z])");
        if (o.RequireDigit) pattern.Append("(?=.*[0-9])");
        if (o.RequireNonAlphanumeric) pattern.Append("(?=.*[^A-Za-z0-9])");
        return pattern.Append(".{").Append(o.RequiredLength).Append(",}").ToString();
    }

    public static string Join(IStringLocalizer L, IReadOnlyList<string> parts) => parts.Count switch
    {
        0 => "",
        1 => parts[0],
        _ => L["{0} and {1}", string.Join(", ", parts.Take(parts.Count - 1)), parts[^1]],
    };

    private static IEnumerable<string> Needs(IStringLocalizer L, PasswordOptions o)
    {
        if (o.RequireUppercase) yield return L["an upper-case letter"];
        if (o.RequireLowercase) yield return L["a lower-case letter"];
        if (o.RequireDigit) yield return L["a digit"];
        if (o.RequireNonAlphanumeric) yield return L["a symbol"];
    }
}
