namespace AttendanceBlazor.Cli;

/// <summary>
/// What a command reads and writes: standard input, output and error, and the environment (passwords come from it).
/// Tests pass their own.
/// </summary>
public sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error, Func<string, string?> Environment)
{
    public static CliConsole System { get; } = new(Console.In, Console.Out, Console.Error, global::System.Environment.GetEnvironmentVariable);

    /// <summary>Whether a person is at the keyboard (a confirmation can be asked), rather than a script or a pipe.</summary>
    public bool Interactive { get; init; } = !Console.IsInputRedirected;
}
