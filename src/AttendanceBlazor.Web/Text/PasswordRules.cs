using System.Text;
using Microsoft.AspNetCore.Identity;

namespace AttendanceBlazor.Web.Text;

/// <summary>
/// The password rules in words and as a browser pattern, from the one place that sets them (IdentityOptions,
/// shared by the web app and the CLI), so the Setup page, the New user dialog and Change password say what is
/// checked, and say it before the form is sent.
/// </summary>
public static class PasswordRules
{
    public static string Describe(PasswordOptions o)
    {
        var needs = Needs(o).ToList();
        return needs.Count == 0
            ? $"At least {o.RequiredLength} characters."
            : $"At least {o.RequiredLength} characters, with {Join(needs)}.";
    }

    /// <summary>What <paramref name="password"/> still lacks, in words; empty when it passes.</summary>
    public static IReadOnlyList<string> Missing(string? password, PasswordOptions o)
    {
        password ??= "";
        var missing = new List<string>();
        if (password.Length < o.RequiredLength) missing.Add($"{o.RequiredLength - password.Length} more characters");
        if (o.RequireUppercase && !password.Any(char.IsUpper)) missing.Add("an upper-case letter");
        if (o.RequireLowercase && !password.Any(char.IsLower)) missing.Add("a lower-case letter");
        if (o.RequireDigit && !password.Any(char.IsAsciiDigit)) missing.Add("a digit");
        if (o.RequireNonAlphanumeric && password.All(char.IsAsciiLetterOrDigit)) missing.Add("a symbol such as - or !");
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

    public static string Join(IReadOnlyList<string> parts) => parts.Count switch
    {
        0 => "",
        1 => parts[0],
        _ => string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1],
    };

    private static IEnumerable<string> Needs(PasswordOptions o)
    {
        if (o.RequireUppercase) yield return "an upper-case letter";
        if (o.RequireLowercase) yield return "a lower-case letter";
        if (o.RequireDigit) yield return "a digit";
        if (o.RequireNonAlphanumeric) yield return "a symbol";
    }
}
