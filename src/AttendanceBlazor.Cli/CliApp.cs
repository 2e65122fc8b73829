using System.CommandLine;
using AttendanceBlazor.Recognition;
using AttendanceBlazor.Recognition.FaceApi;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Cli;

/// <summary>
/// The `attendance` command line: the verbs, their options and their help, on System.CommandLine. A wrong or
/// missing argument answers one line on stderr and exit code 2; a refusal one line and 1; a configuration or model
/// problem one line and 3. Never a stack trace.
/// </summary>
public static class CliApp
{
    public const int Refused = 1;
    public const int UsageError = 2;
    public const int ConfigurationError = 3;

    /// <summary>Runs a command line with the real host, built only when a command needs services.</summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console)
    {
        IHost? host = null;
        try
        {
            return await RunAsync(args, console, overrides => (host = CliHost.Build(overrides)).Services);
        }
        finally
        {
            host?.Dispose();
        }
    }

    /// <summary>
    /// Runs a command line. <paramref name="services"/> builds the services from configuration overrides (the
    /// --detector option); it is called once, and only by commands that need it, so help and usage errors are instant.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console, Func<IDictionary<string, string?>, IServiceProvider> services)
    {
        var detector = DetectorOption();
        IServiceProvider? provider = null;
        IServiceProvider Services(ParseResult parse)
        {
            if (provider is not null) return provider;
            var overrides = new Dictionary<string, string?>();
            if (parse.GetValue(detector) is { } mode)
            {
                // camera: the camera detector for the stills (BlazeFace); the SSD as configured for everything else.
                if (IsCamera(mode)) overrides[$"{RecognitionOptions.Section}:{nameof(RecognitionOptions.CameraDetector)}"] = nameof(CameraDetector.BlazeFace);
                else overrides[$"{RecognitionOptions.Section}:{nameof(RecognitionOptions.DetectorMode)}"] = ParseDetector(mode);
            }
            return provider = services(overrides);
        }

        // A plain command named as the tool is installed (a RootCommand takes the name of the running executable,
        // which in tests is the test host), with the help option a root command would have.
        var root = new Command("attendance", "AttendanceBlazor's command line: recognition on photos, and the administration of a deployment.")
        {
            new System.CommandLine.Help.HelpOption(),
        };
        root.Options.Add(detector);
        foreach (var command in RecognitionCommands.Create(console, Services, parse => IsCamera(parse.GetValue(detector)))) root.Subcommands.Add(command);
        foreach (var command in AdminCommands.Create(console, Services)) root.Subcommands.Add(command);
        foreach (var command in WorkingTimeCommands.Create(console, Services)) root.Subcommands.Add(command);
        root.Subcommands.Add(WebhookCommands.Create(console, Services));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // One line: the most specific error (an unknown word says more than "required command was not provided").
            var error = parse.Errors.FirstOrDefault(e => e.Message.Contains('\'')) ?? parse.Errors[0];
            await console.Error.WriteLineAsync($"error: {error.Message}");
            return UsageError;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false });
        }
        catch (CliException ex)
        {
            await console.Error.WriteLineAsync($"error: {ex.Message}");
            return ex.ExitCode;
        }
        catch (ModelLoadException ex)
        {
            await console.Error.WriteLineAsync($"error: {ex.Message}");
            return ConfigurationError;
        }
        catch (OptionsValidationException ex)
        {
            await console.Error.WriteLineAsync($"error: invalid configuration: {string.Join("; ", ex.Failures)}");
            return ConfigurationError;
        }
    }

    private static Option<string> DetectorOption()
    {
        var option = new Option<string>("--detector")
        {
            Description = "reference: the float32 SSD as face-api.js runs it (the default, or Recognition__DetectorMode); fast: its 8-bit mode; camera: BlazeFace, the kiosk's detector for one face near a camera (such stills are decoded at about 640 x 360, and boxes are in those pixels)",
            HelpName = "reference|fast|camera",
            Recursive = true,
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } mode && ParseDetector(mode) is null && !IsCamera(mode)) result.AddError("--detector must be 'reference', 'fast' or 'camera'");
        });
        return option;
    }

    /// <summary>Whether the command line asks for the camera detector.</summary>
    public static bool IsCamera(string? mode) => string.Equals(mode, "camera", StringComparison.OrdinalIgnoreCase);

    /// <summary>The detector mode named on the command line, in any case, or null.</summary>
    public static string? ParseDetector(string mode) =>
        Enum.GetNames<DetectorMode>().FirstOrDefault(n => n.Equals(mode, StringComparison.OrdinalIgnoreCase));
}
