using AttendanceBlazor.Application;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AttendanceBlazor.Cli;

/// <summary>
/// The CLI's services: the same application layer as the web app, with the same configuration (appsettings.json in
/// the current folder, environment variables such as Recognition__ModelDirectory, ConnectionStrings__Attendance,
/// Database__Provider), so both work on the same models and the same database, under the same rules.
/// </summary>
public static class CliHost
{
    public static IHost Build(IDictionary<string, string?>? overrides = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = Directory.GetCurrentDirectory(),
            EnvironmentName = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Production",
        });
        if (overrides is not null) builder.Configuration.AddInMemoryCollection(overrides);
        builder.Logging.ClearProviders();
        // stdout carries results (JSON Lines, keys); every log line goes to stderr.
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddAttendanceApplication();
        return builder.Build();
    }
}
