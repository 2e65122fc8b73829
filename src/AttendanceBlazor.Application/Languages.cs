namespace AttendanceBlazor.Application;

/// <summary>The languages the product's screens speak. The REST API and the CLI stay English.</summary>
public static class Languages
{
    public const string Default = "en";

    public static readonly IReadOnlyList<string> Supported = ["en", "de"];

    /// <summary>The account's own choice of language: a claim on the user, set on the profile page, read by the web app and the e-mail reminders.</summary>
    public const string ClaimType = "attendance:culture";
}
