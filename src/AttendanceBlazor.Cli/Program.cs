using AttendanceBlazor.Cli;

var (verbArgs, overrides, error) = CliApp.SplitHostOptions(args);
if (error is not null)
{
    await Console.Error.WriteLineAsync($"error: {error}");
    return 2;
}
using var host = CliHost.Build(overrides);
return await CliApp.RunAsync(verbArgs, host.Services, Console.Out, Console.Error);
