using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using AttendanceBlazor.Testing;
using Npgsql;

namespace AttendanceBlazor.EndToEnd.Tests;

/// <summary>
/// The local cluster of deploy/cluster: three app nodes as processes of their own on one PostgreSQL database (the
/// throwaway cluster tests/run.sh starts), HAProxy in front with the template's cookie affinity and health checks.
/// The CLI makes the first admin and a device key, as an operator would.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string AdminEmail = "admin@example.com";
    public const string AdminPassword = "Cluster-Admin-Password-1";

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("attendance-cluster-test-");
    private readonly ThrowawayPostgresDatabase _database = new("attendance_cluster_");
    private readonly Process?[] _nodes = new Process?[3];
    private Process? _haproxy;

    public ConcurrentQueue<string> Output { get; } = new();

    public int[] Ports { get; } = [AppProcesses.FreePort(), AppProcesses.FreePort(), AppProcesses.FreePort()];

    public int FrontPort { get; } = AppProcesses.FreePort();

    public string Front => $"http://127.0.0.1:{FrontPort}";

    public string Node(int i) => $"http://127.0.0.1:{Ports[i]}";

    public string DeviceKey { get; private set; } = "";

    public string ConnectionString => _database.ConnectionString;


    private void Environment(ProcessStartInfo info)
    {
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["Database__Provider"] = "PostgreSQL";
        info.Environment["ConnectionStrings__Attendance"] = ConnectionString;
        info.Environment["Attendance__PinPepper"] = "c2FtZS1wZXBwZXItZm9yLWV2ZXJ5LW5vZGUtb2YtdGhlLWNsdXN0ZXI=";
        info.Environment["Attendance__Liveness"] = "Off";
        info.Environment["Attendance__TimeZone"] = "Europe/Berlin";
        // Every event counts: a 200 is one event, which is what the drain and kill test counts.
        info.Environment["Attendance__DuplicateWindow"] = "00:00:00";
        info.Environment["Security__KnownProxies__0"] = "127.0.0.1";
        info.Environment["RateLimits__ApiPermitsPerMinute"] = "100000";
    }

    /// <summary>The CLI against the cluster's database, as an operator runs it.</summary>
    public async Task<string> CliAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(AppProcesses.Built("AttendanceBlazor.Cli", "attendance.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        Environment(info);
        info.Environment["ATTENDANCE_ADMIN_PASSWORD"] = AdminPassword;
        using var cli = Process.Start(info)!;
        var stdout = await cli.StandardOutput.ReadToEndAsync();
        var stderr = await cli.StandardError.ReadToEndAsync();
        await cli.WaitForExitAsync();
        Assert.True(cli.ExitCode == 0, $"attendance {string.Join(' ', args)} failed: {stderr}");
        return stdout;
    }

    public async Task InitializeAsync()
    {
        var haproxy = File.Exists("/usr/sbin/haproxy") ? "/usr/sbin/haproxy" : throw new InvalidOperationException("haproxy is missing: run the tests with tests/run.sh, which installs Debian's haproxy.");
        await CliAsync("admin", "create", "--email", AdminEmail);
        DeviceKey = (await CliAsync("device", "add", "cluster-devices")).Trim().Split('\n')[^1].Trim();
        for (var i = 0; i < 3; i++) StartNode(i);
        for (var i = 0; i < 3; i++) await ReadyAsync(Node(i));

        var nodes = string.Join('\n', Ports.Select((p, i) => $"    server node{i + 1} 127.0.0.1:{p} check cookie node{i + 1}"));
        var config = File.ReadAllText(Path.Combine(TestFaces.RepositoryRoot, "deploy", "cluster", "haproxy.cfg.template"))
            .Replace("@PORT@", FrontPort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("@NODES@", nodes, StringComparison.Ordinal);
        var path = Path.Combine(_dir.FullName, "haproxy.cfg");
        await File.WriteAllTextAsync(path, config);
        var info = new ProcessStartInfo(haproxy) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-db");
        info.ArgumentList.Add("-f");
        info.ArgumentList.Add(path);
        _haproxy = AppProcesses.Start(info, "haproxy", Output);
        await ReadyAsync(Front);
    }

    public void StartNode(int i)
    {
        var info = AppProcesses.Web(Node(i));
        Environment(info);
        _nodes[i] = AppProcesses.Start(info, $"node{i + 1}", Output);
    }

    /// <summary>SIGTERM (the node drains its requests and stops) or SIGKILL (it dies where it stands).</summary>
    public async Task StopNodeAsync(int i, bool kill)
    {
        var node = _nodes[i]!;
        if (kill)
        {
            node.Kill(entireProcessTree: true);
        }
        else
        {
            using var term = Process.Start("kill", ["-TERM", node.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
            await term.WaitForExitAsync();
        }
        await node.WaitForExitAsync();
        node.Dispose();
        _nodes[i] = null;
    }

    public Task ReadyAsync(string baseUrl) => AppProcesses.ReadyAsync(baseUrl, Output);

    public HttpClient Device(string baseUrl)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", DeviceKey);
        return client;
    }

    public async Task<T> DbAsync<T>(Func<NpgsqlConnection, Task<T>> query)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return await query(connection);
    }

    public Task<long> EventsAsync() => DbAsync(async c =>
    {
        await using var command = new NpgsqlCommand("""select count(*) + count("CheckOutUtc") from "AttendanceRecords" """, c);
        return (long)(await command.ExecuteScalarAsync())!;
    });

    /// <summary>
    /// The duplicate window as the Settings page stores it (the Settings row, read by every node at every check-in);
    /// null goes back to the configured default (zero here).
    /// </summary>
    public Task SetDuplicateWindowAsync(TimeSpan? window) => DbAsync(async c =>
    {
        await using var command = new NpgsqlCommand("""
            insert into "Settings" ("Id", "DuplicateWindow", "Version") values (1, @window, @version)
            on conflict ("Id") do update set "DuplicateWindow" = excluded."DuplicateWindow", "Version" = excluded."Version"
            """, c);
        command.Parameters.Add(new NpgsqlParameter("window", NpgsqlTypes.NpgsqlDbType.Interval) { Value = (object?)window ?? DBNull.Value });
        command.Parameters.AddWithValue("version", Guid.NewGuid());
        return await command.ExecuteNonQueryAsync();
    });


    public async Task DisposeAsync()
    {
        foreach (var process in _nodes.Append(_haproxy))
        {
            if (process is null || process.HasExited) continue;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        _database.Dispose();
        try
        {
            _dir.Delete(recursive: true);
        }
        catch (IOException)
        {
            // The system cleans its temporary folder.
        }
    }
}

/// <summary>The cluster as devices, browsers and an operator stopping nodes see it.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterTests(ClusterFixture cluster)
{
    private static MultipartFormDataContent Form(string photo, string? name = null)
    {
        var form = new MultipartFormDataContent();
        var image = new ByteArrayContent(File.ReadAllBytes(TestFaces.PathOf(photo)));
        image.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
        form.Add(image, "image", Path.GetFileName(photo));
        if (name is not null) form.Add(new StringContent(name), "name");
        return form;
    }

    [Fact]
    public async Task AFaceRegisteredThroughOneNodeIsKnownThroughAnotherWithinTwoSecondsAndAnErasedOneIsGoneAsFast()
    {
        var registered = await cluster.Device(cluster.Node(0)).PostAsync("/check_in_or_out", Form("enroll/kit_harington/1.jpg", "Kit Harington"));
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        var second = cluster.Device(cluster.Node(1));
        var clock = Stopwatch.StartNew();
        string answer = "";
        while (clock.Elapsed < TimeSpan.FromSeconds(2))
        {
            answer = await (await second.PostAsync("/check_in_or_out", Form("probe/kit_harington.jpg"))).Content.ReadAsStringAsync();
            if (answer.Contains("Kit Harington", StringComparison.Ordinal)) break;
        }
        Assert.Contains("Kit Harington", answer);

        // Erased through the CLI (a process of its own): unknown on node 3 within two seconds.
        var erase = await cluster.CliAsync("person", "erase", "Kit Harington", "--yes", "--reason", "cluster test");
        Assert.Contains("erased", erase, StringComparison.OrdinalIgnoreCase);
        var third = cluster.Device(cluster.Node(2));
        clock.Restart();
        while (clock.Elapsed < TimeSpan.FromSeconds(2))
        {
            answer = await (await third.PostAsync("/check_in_or_out", Form("probe/kit_harington.jpg"))).Content.ReadAsStringAsync();
            if (answer.Contains("unknown face", StringComparison.OrdinalIgnoreCase)) break;
        }
        Assert.Contains("unknown face", answer, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ThirtyCopiesOfOneCheckInSpreadOverTheNodesAtOnceRecordOneEventWithNo5xx()
    {
        // The cluster runs with no duplicate window (every request is an event), so what holds the copies to one
        // event is their shared Idempotency-Key across three nodes; the duplicate window across the nodes is the
        // next test's.
        var device = cluster.Device(cluster.Node(0));
        Assert.Equal(HttpStatusCode.OK, (await device.PostAsync("/check_in_or_out", Form("enroll/rose_leslie/1.jpg", "Rose Leslie"))).StatusCode);
        await Task.Delay(1500);
        var before = await cluster.EventsAsync();
        var front = Enumerable.Range(0, 30).Select(_ => cluster.Device(cluster.Front)).ToList();
        var key = Guid.NewGuid().ToString();
        var answers = await Task.WhenAll(front.Select(async client =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/check_in_or_out") { Content = Form("enroll/rose_leslie/2.jpg") };
            request.Headers.Add("Idempotency-Key", key);
            return await client.SendAsync(request);
        }));
        Assert.All(answers, a => Assert.True((int)a.StatusCode < 500, $"{(int)a.StatusCode}: {a.Content.ReadAsStringAsync().Result}"));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(before + 1, await cluster.EventsAsync());
        Assert.Single((await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()))).Distinct());
    }

    [Fact]
    public async Task ThirtyIdenticalStillsWithoutAKeySpreadOverTheNodesWithinTheDuplicateWindowChangeTheStateOnce()
    {
        // No Idempotency-Key: what holds the thirty to one event is the duplicate window, decided on three processes
        // against the person's row in the one database.
        // Rose Leslie, as in the test before (registered here, or checked in or out if that test came first).
        var device = cluster.Device(cluster.Node(1));
        Assert.Equal(HttpStatusCode.OK, (await device.PostAsync("/check_in_or_out", Form("enroll/rose_leslie/1.jpg", "Rose Leslie"))).StatusCode);
        var registered = Stopwatch.StartNew();
        await cluster.SetDuplicateWindowAsync(TimeSpan.FromSeconds(10));
        try
        {
            // The registration's check-in falls out of the window; the thirty arrive within it of each other.
            await Task.Delay(TimeSpan.FromSeconds(11) - registered.Elapsed);
            var before = await cluster.EventsAsync();
            var front = Enumerable.Range(0, 30).Select(_ => cluster.Device(cluster.Front)).ToList();
            var answers = await Task.WhenAll(front.Select(client => client.PostAsync("/check_in_or_out", Form("enroll/rose_leslie/2.jpg"))));
            var bodies = await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()));
            Assert.All(answers.Zip(bodies), a => Assert.True((int)a.First.StatusCode < 500, $"{(int)a.First.StatusCode}: {a.Second}"));
            Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
            Assert.Equal(29, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
            Assert.Equal(before + 1, await cluster.EventsAsync());
        }
        finally
        {
            await cluster.SetDuplicateWindowAsync(null);
        }
    }

    [Fact]
    public async Task ASignInMadeOnOneNodeIsValidOnTheOthers()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        using var first = new HttpClient(handler) { BaseAddress = new Uri(cluster.Node(0)) };
        var form = await first.GetStringAsync("/Account/Login");
        var token = SignIn.AntiforgeryToken(form);
        Assert.False(string.IsNullOrEmpty(token));
        var login = await first.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = "login", ["Input.Email"] = ClusterFixture.AdminEmail, ["Input.Password"] = ClusterFixture.AdminPassword,
        }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookies = handler.CookieContainer.GetCookieHeader(new Uri(cluster.Node(0)));
        foreach (var other in new[] { cluster.Node(1), cluster.Node(2) })
        {
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(other) };
            client.DefaultRequestHeaders.Add("Cookie", cookies);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/people")).StatusCode);
        }
    }

    [Fact]
    public async Task TwentyDevicesThroughHaproxyWhileNodesAreDrainedAndKilledGetEveryTwoHundredAsExactlyOneEvent()
    {
        var seed = cluster.Device(cluster.Node(0));
        string[] faces = ["obama", "biden", "alex_lacamoire"];
        foreach (var face in faces)
        {
            var registered = await seed.PostAsync("/check_in_or_out", Form($"enroll/{face}/1.jpg", face.Replace('_', ' ')));
            Assert.True(registered.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, await registered.Content.ReadAsStringAsync());
        }
        await Task.Delay(1500);
        var before = await cluster.EventsAsync();

        var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var oks = 0;
        var replays = 0;
        var devices = Enumerable.Range(0, 20).Select(async d =>
        {
            var client = cluster.Device(cluster.Front);
            var random = new Random(d);
            while (!stop.IsCancellationRequested)
            {
                // One logical check-in: the same key until a final answer, as a device that lost its answer resends.
                var key = Guid.NewGuid().ToString();
                var face = faces[random.Next(faces.Length)];
                for (var attempt = 0; attempt < 50; attempt++)
                {
                    HttpResponseMessage response;
                    try
                    {
                        var request = new HttpRequestMessage(HttpMethod.Post, "/check_in_or_out") { Content = Form(face switch { "obama" => "probe/obama.jpg", "biden" => "enroll/biden/2.jpg", _ => "probe/alex_lacamoire.jpg" }) };
                        request.Headers.Add("Idempotency-Key", key);
                        response = await client.SendAsync(request);
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                    {
                        await Task.Delay(200);
                        continue;
                    }
                    if ((int)response.StatusCode >= 500) { await Task.Delay(200); continue; }
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref oks);
                        if (response.Headers.Contains("Idempotency-Replayed")) Interlocked.Increment(ref replays);
                    }
                    break;
                }
            }
        }).ToList();

        await Task.Delay(3000);
        await cluster.StopNodeAsync(1, kill: false); // drained: SIGTERM
        await Task.Delay(2000);
        cluster.StartNode(1);
        await cluster.ReadyAsync(cluster.Node(1));
        await cluster.StopNodeAsync(2, kill: true); // killed where it stands: SIGKILL
        await Task.Delay(2000);
        cluster.StartNode(2);
        await cluster.ReadyAsync(cluster.Node(2));
        await Task.WhenAll(devices);

        Assert.True(oks > 20, $"only {oks} check-ins got through");
        // Every 200 a device got is one event in the database, and there is no other.
        Assert.Equal(before + oks, await cluster.EventsAsync());
        Console.WriteLine($"{oks} check-ins answered 200 ({replays} of them resent answers) while nodes were drained and killed");
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}

/// <summary>A Chromium kiosk behind HAProxy when the node holding its circuit is stopped.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterKioskTests(ClusterFixture cluster, BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task AKioskBehindHaproxyGoesOnByItselfWhenItsNodeStopsAndTheNextCheckInIsRecordedOnce()
    {
        var page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        await new LoginPage(page, cluster.Front).LogInAsync(ClusterFixture.AdminEmail, ClusterFixture.AdminPassword);
        await page.OpenInteractiveAsync($"{cluster.Front}/kiosk");
        await Microsoft.Playwright.Assertions.Expect(page.GetByText("Look at the camera")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var affinity = (await page.Context.CookiesAsync()).Single(c => c.Name == "ATT_NODE").Value;
        var holder = int.Parse(affinity["node".Length..], System.Globalization.CultureInfo.InvariantCulture) - 1;
        await page.EvaluateAsync("() => { window.beforeStop = true; }");

        // The node that holds the circuit drains and stops; nobody touches the kiosk.
        await cluster.StopNodeAsync(holder, kill: false);
        try
        {
            await page.WaitForFunctionAsync("() => window.beforeStop === undefined && !!document.querySelector(\"main[data-interactive='true']\")",
                null, new() { Timeout = 120_000, PollingInterval = 500 });
            await Microsoft.Playwright.Assertions.Expect(page.GetByText("Look at the camera")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            Assert.NotEqual(affinity, (await page.Context.CookiesAsync()).Single(c => c.Name == "ATT_NODE").Value);

            // The next check-in (the fake camera's face: known from another test, or new and registered here) is one event.
            var before = await cluster.EventsAsync();
            await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Check in or out" }).ClickAsync();
            var result = page.Locator(".kiosk-result");
            var name = page.GetByText("What is your name?");
            await result.Or(name).First.WaitForAsync(new() { Timeout = 30_000 });
            if (await name.IsVisibleAsync())
            {
                await page.GetByLabel("Your name").FillAsync("Barack Obama");
                await page.GetByRole(Microsoft.Playwright.AriaRole.Checkbox).CheckAsync();
                await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Register and check in" }).ClickAsync();
                await result.WaitForAsync(new() { Timeout = 30_000 });
            }
            Assert.Equal(before + 1, await cluster.EventsAsync());
        }
        finally
        {
            cluster.StartNode(holder);
            await cluster.ReadyAsync(cluster.Node(holder));
        }
    }
}
