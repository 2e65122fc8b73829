using AttendanceBlazor.Cli;

using var host = CliHost.Build();
return await CliApp.RunAsync(args, host.Services, Console.Out, Console.Error);
