using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using CircuitLoad;

// usage: CircuitLoad URL EMAIL PASSWORD PHOTO KIOSKS SECONDS EVERY_SECONDS
if (args.Length != 7)
{
    Console.Error.WriteLine("usage: CircuitLoad URL EMAIL PASSWORD PHOTO KIOSKS SECONDS EVERY_SECONDS");
    return 2;
}
var server = new Uri(args[0].TrimEnd('/') + "/");
var (email, password, photo) = (args[1], args[2], File.ReadAllBytes(args[3]));
var kiosks = int.Parse(args[4], CultureInfo.InvariantCulture);
var duration = TimeSpan.FromSeconds(double.Parse(args[5], CultureInfo.InvariantCulture));
var every = TimeSpan.FromSeconds(double.Parse(args[6], CultureInfo.InvariantCulture));

using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });
var cookie = await SignInAsync(http, server, email, password);

var circuits = new List<KioskCircuit>();
var connect = Stopwatch.StartNew();
for (var i = 0; i < kiosks; i++)
{
    var circuit = new KioskCircuit(server, cookie, photo);
    await circuit.ConnectAsync(http);
    circuits.Add(circuit);
}
Console.Error.WriteLine($"{kiosks} kiosk circuits ready in {connect.Elapsed.TotalSeconds:0.0} s");

var latencies = new List<double>();
var outcomes = new Dictionary<string, int>();
var errors = new List<string>();
var gate = new object();
var clock = Stopwatch.StartNew();

async Task RunAsync(KioskCircuit circuit, int index)
{
    await Task.Delay(every * index / kiosks);
    while (clock.Elapsed < duration)
    {
        var started = clock.Elapsed;
        try
        {
            var outcome = await circuit.PressAsync(TimeSpan.FromSeconds(60));
            var took = (clock.Elapsed - started).TotalMilliseconds;
            var ok = outcome is "You are checked in" or "You are checked out" or "already recorded";
            lock (gate)
            {
                latencies.Add(took);
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
                if (!ok) errors.Add($"kiosk {index}: {outcome}");
            }
            await circuit.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            lock (gate) errors.Add($"kiosk {index}: {ex.Message}");
            if (circuit.Failure is not null) return;
        }
        var wait = started + every - clock.Elapsed;
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
    }
}

await Task.WhenAll(circuits.Select((c, i) => Task.Run(() => RunAsync(c, i))));
var elapsed = clock.Elapsed.TotalSeconds;
latencies.Sort();
double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p / 100 * latencies.Count) - 1)];
Console.WriteLine($"kiosk circuits {kiosks}, one still each every {every.TotalSeconds:0} s, {elapsed:0} s");
Console.WriteLine($"stills {latencies.Count}: {latencies.Count / elapsed:0.0} per second");
Console.WriteLine($"press_to_result_ms p50 {Percentile(50):0} p95 {Percentile(95):0} max {(latencies.Count > 0 ? latencies[^1] : double.NaN):0}");
Console.WriteLine("outcomes: " + string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}")));
Console.WriteLine($"errors {errors.Count}" + (errors.Count > 0 ? ": " + string.Join(" | ", errors.Distinct().Take(5)) : ""));
foreach (var c in circuits) await c.DisposeAsync();
return errors.Count == 0 ? 0 : 1;

static async Task<string> SignInAsync(HttpClient http, Uri server, string email, string password)
{
    var form = await http.GetAsync(new Uri(server, "Account/Login"));
    var antiforgery = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    var token = Regex.Match(await form.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
    using var post = new HttpRequestMessage(HttpMethod.Post, new Uri(server, "Account/Login"))
    {
        Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }),
    };
    post.Headers.Add("Cookie", antiforgery);
    var response = await http.SendAsync(post);
    var signIn = response.Headers.TryGetValues("Set-Cookie", out var cookies)
        ? cookies.Select(c => c.Split(';')[0]).FirstOrDefault(c => c.StartsWith(".AspNetCore.Identity.Application", StringComparison.Ordinal))
        : null;
    return signIn ?? throw new InvalidOperationException($"sign-in failed for {email} ({(int)response.StatusCode})");
}
