namespace AttendanceBlazor.Application;

/// <summary>The languages the product's screens speak. The REST API and the CLI stay English.</summary>
public static class Languages
{
    public const string Default = "en";

    public static readonly IReadOnlyList<string> Supported = ["en", "de"];
}
