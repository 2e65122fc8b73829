using AttendanceBlazor.Cli;

namespace AttendanceBlazor.Cli.Tests;

/// <summary>What one run of the command line printed and returned.</summary>
public sealed record CliRun(int Code, string Out, string Err)
{
    /// <summary>The lines of stderr, without the empty last one.</summary>
    public string[] ErrLines => Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Runs the `attendance` command line in-process, with its own input, output and environment.</summary>
public static class Cli
{
    public static async Task<CliRun> RunAsync(Func<IDictionary<string, string?>, IServiceProvider> services, string[] args,
        string stdin = "", IReadOnlyDictionary<string, string>? environment = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = new CliConsole(new StringReader(stdin), stdout, stderr, name => environment?.GetValueOrDefault(name)) { Interactive = false };
        var code = await CliApp.RunAsync(args, console, services);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }
}
