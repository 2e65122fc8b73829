using System.Diagnostics;
using AttendanceBlazor.Recognition;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Web.Tests;

/// <summary>The real app process, started the way an operator starts it.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task AMissingModelFileStopsTheAppWithAMessageNamingItAndANonZeroExit()
    {
        var (exitCode, all) = await RunAppAsync(dir => new()
        {
            ["Recognition__ModelDirectory"] = Directory.CreateDirectory(Path.Combine(dir.FullName, "models")).FullName,
        });
        Assert.NotEqual(0, exitCode);
        Assert.Contains("model file not found", all);
        Assert.Contains("ssd_mobilenetv1_model-weights_manifest.json", all);
    }

    [Fact]
    public async Task AnUnknownDetectorModeStopsTheAppWithAMessageNamingTheSetting()
    {
        var (exitCode, all) = await RunAppAsync(_ => new() { ["Recognition__DetectorMode"] = "Turbo" });
        Assert.NotEqual(0, exitCode);
        Assert.Contains("Recognition:DetectorMode", all);
        Assert.Contains("Turbo", all);
    }

    [Fact]
    public async Task TheBenchmarksSwitchThatLetsARecordingPassTwiceStopsTheAppInProduction()
    {
        var (exitCode, all) = await RunAppAsync(_ => new() { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Attendance__LivenessRefuseReplays"] = "false" });
        Assert.NotEqual(0, exitCode);
        Assert.Contains("Attendance:LivenessRefuseReplays = false is for benchmarks only", all);
    }

    [Fact]
    public void TheAppRunsTheFastDetectorAndTheTestsShareTheSameMode()
    {
        using var factory = new AppFactory();
        var options = factory.Services.GetRequiredService<IOptions<RecognitionOptions>>().Value;
        Assert.Equal(DetectorMode.Fast, options.DetectorMode);
        Assert.Equal(options.DetectorMode, SharedModels.Instance.DetectorMode);
    }

    /// <summary>Runs the app in a folder of its own (database, keys) with extra environment, until it exits.</summary>
    private static async Task<(int ExitCode, string Output)> RunAppAsync(Func<DirectoryInfo, Dictionary<string, string>> environment)
    {
        var dir = Directory.CreateTempSubdirectory("attendance-startup-");
        try
        {
            var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "--urls", "http://127.0.0.1:0"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Path.GetDirectoryName(typeof(Program).Assembly.Location)!,
            };
            start.Environment["ConnectionStrings__Attendance"] = $"Data Source={Path.Combine(dir.FullName, "a.db")}";
            start.Environment["DataProtection__KeysDirectory"] = Path.Combine(dir.FullName, "keys");
            foreach (var (key, value) in environment(dir)) start.Environment[key] = value;
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("the app did not stop within 60 s");
            }
            return (process.ExitCode, await output + await errors);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
