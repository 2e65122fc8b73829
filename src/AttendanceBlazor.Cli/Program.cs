using AttendanceBlazor.Cli;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using AttendanceBlazor.Recognition;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// The CLI reads the same configuration as the web app (appsettings.json, environment variables such as
// Recognition__ModelDirectory or ConnectionStrings__Attendance), so both work on the same models and database.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = [],
    ContentRootPath = Directory.GetCurrentDirectory(),
    EnvironmentName = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Production",
});
builder.Logging.ClearProviders();
// stdout carries results (JSON Lines, keys); every log line goes to stderr.
builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddRecognition(builder.Configuration);
builder.AddAttendanceData();
builder.Services.AddIdentityCore<ApplicationUser>()
    .AddRoles<IdentityRole>()
    .AddEntityFrameworkStores<AttendanceDbContext>();

using var host = builder.Build();
return await CliApp.RunAsync(args, host.Services, Console.Out, Console.Error);
