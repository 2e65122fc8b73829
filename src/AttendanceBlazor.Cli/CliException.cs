namespace AttendanceBlazor.Cli;

/// <summary>A refusal the command explains in one line on stderr, with exit code 1 (or 2 for a usage error).</summary>
public sealed class CliException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
