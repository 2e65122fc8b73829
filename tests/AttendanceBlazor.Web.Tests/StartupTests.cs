using System.Diagnostics;

namespace AttendanceBlazor.Web.Tests;

/// <summary>The real app process, started the way an operator starts it.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task AMissingModelFileStopsTheAppWithAMessageNamingItAndANonZeroExit()
    {
        var dir = Directory.CreateTempSubdirectory("attendance-startup-");
        try
        {
            var models = Directory.CreateDirectory(Path.Combine(dir.FullName, "models"));
            var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "--urls", "http://127.0.0.1:0"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Path.GetDirectoryName(typeof(Program).Assembly.Location)!,
            };
            start.Environment["Recognition__ModelDirectory"] = models.FullName;
            start.Environment["ConnectionStrings__Attendance"] = $"Data Source={Path.Combine(dir.FullName, "a.db")}";
            start.Environment["DataProtection__KeysDirectory"] = Path.Combine(dir.FullName, "keys");
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);

            Assert.NotEqual(0, process.ExitCode);
            var all = await output + await errors;
            Assert.Contains("model file not found", all);
            Assert.Contains("ssd_mobilenetv1_model-weights_manifest.json", all);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
