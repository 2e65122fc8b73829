using AttendanceBlazor.Cli;

return await CliApp.RunAsync(args, CliConsole.System);
