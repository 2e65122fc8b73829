using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AttendanceBlazor.Testing;

namespace AttendanceBlazor.EndToEnd.Tests;

/// <summary>The app and the CLI as processes of their own (as in production), for the restart and cluster tests.</summary>
public static class AppProcesses
{
    private static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>A project's build output beside these tests (the same configuration).</summary>
    public static string Built(string project, string dll)
    {
        var path = Path.Combine(TestFaces.RepositoryRoot, "src", project, "bin", Configuration, "net10.0", dll);
        Assert.True(File.Exists(path), $"{path} is missing: build the solution first");
        return path;
    }

    /// <summary>The web app, run from its project folder as `dotnet run` would (Development serves the static assets from the build).</summary>
    public static ProcessStartInfo Web(string url)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.Combine(TestFaces.RepositoryRoot, "src", "AttendanceBlazor.Web"),
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.ArgumentList.Add(Built("AttendanceBlazor.Web", "AttendanceBlazor.Web.dll"));
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ASPNETCORE_URLS"] = url;
        return info;
    }

    /// <summary>Starts a process and keeps its output lines, named, in <paramref name="output"/>.</summary>
    public static Process Start(ProcessStartInfo info, string name, ConcurrentQueue<string> output)
    {
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue($"{name}: {e.Data}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue($"{name}: {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Polls /healthz/ready until it answers 200, up to two minutes (a correctness deadline, not a speed goal).</summary>
    public static async Task ReadyAsync(string baseUrl, ConcurrentQueue<string> output, Process? process = null)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            Assert.False(process?.HasExited == true, "the server stopped:\n" + string.Join("\n", output.TakeLast(60)));
            try
            {
                if ((await http.GetAsync($"{baseUrl}/healthz/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(250);
        }
        Assert.Fail($"{baseUrl} did not become ready:\n" + string.Join("\n", output.TakeLast(60)));
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
