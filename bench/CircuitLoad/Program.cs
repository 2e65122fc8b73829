using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using CircuitLoad;

// usage: CircuitLoad URL EMAIL PASSWORD PHOTO KIOSKS SECONDS EVERY_SECONDS [options]
//   --steps DIR                  kiosks answer the liveness challenge's steps with the frames in DIR: still.jpg (a try's
//                                still), left/*.jpg and right/*.jpg (a step's frames, sorted), as each step asks
//   --personal TABS              personal tabs besides the kiosks: each opens /me?checkin=true (a new circuit, as
//                                the app bar's button does), meets the challenge there, and closes
//   --personal-every SECONDS     how often each personal tab opens (default: EVERY_SECONDS)
//   --account EMAIL=DIR          an Employee account linked to the person whose steps are in DIR (repeat; tabs take
//                                the accounts in turn)
//   --account-password PASSWORD  the accounts' password
//   --at-once                    every kiosk presses at the same moment (no spreading over EVERY_SECONDS)
const string Usage = "usage: CircuitLoad URL EMAIL PASSWORD PHOTO KIOSKS SECONDS EVERY_SECONDS [--steps DIR] [--personal TABS] [--personal-every SECONDS] [--account EMAIL=DIR]... [--account-password PASSWORD] [--at-once]";
if (args.Length < 7)
{
    Console.Error.WriteLine(Usage);
    return 2;
}
var server = new Uri(args[0].TrimEnd('/') + "/");
var (email, password, photo) = (args[1], args[2], File.ReadAllBytes(args[3]));
var kiosks = int.Parse(args[4], CultureInfo.InvariantCulture);
var duration = TimeSpan.FromSeconds(double.Parse(args[5], CultureInfo.InvariantCulture));
var every = TimeSpan.FromSeconds(double.Parse(args[6], CultureInfo.InvariantCulture));
StepClips? kioskSteps = null;
var personalTabs = 0;
var personalEvery = every;
var accounts = new List<(string Email, StepClips Steps)>();
string? accountPassword = null;
var atOnce = false;
for (var i = 7; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value. {Usage}");
    switch (args[i])
    {
        case "--steps": kioskSteps = StepClips.Load(Next()); break;
        case "--personal": personalTabs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--personal-every": personalEvery = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)); break;
        case "--account":
            var pair = Next().Split('=', 2);
            accounts.Add((pair[0], StepClips.Load(pair[1])));
            break;
        case "--account-password": accountPassword = Next(); break;
        case "--at-once": atOnce = true; break;
        default: Console.Error.WriteLine(Usage); return 2;
    }
}
if (personalTabs > 0 && (accounts.Count == 0 || accountPassword is null))
{
    Console.Error.WriteLine("--personal needs at least one --account and --account-password");
    return 2;
}

using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });
var cookie = await SignInAsync(http, server, email, password);
var accountCookies = new List<(string Cookie, StepClips Steps)>();
foreach (var (accountEmail, steps) in accounts) accountCookies.Add((await SignInAsync(http, server, accountEmail, accountPassword!), steps));

var circuits = new List<KioskCircuit>();
var connect = Stopwatch.StartNew();
for (var i = 0; i < kiosks; i++)
{
    var circuit = new KioskCircuit(server, cookie, photo, kioskSteps);
    await circuit.ConnectAsync(http);
    circuits.Add(circuit);
}
Console.Error.WriteLine($"{kiosks} kiosk circuits ready in {connect.Elapsed.TotalSeconds:0.0} s");

var results = new Dictionary<string, Results> { ["kiosk"] = new(), ["personal"] = new() };
var clock = Stopwatch.StartNew();
// Answers to a check-in: a state change, or "nothing changed" (the same person's event came first: two of the same
// faces at once; the kiosk says it with a capital N).
string[] recorded = ["You are checked in", "You are checked out", "Nothing changed", "nothing changed", "Checked in at", "Checked out at"];
// "Busy, try again in N s": an answer within the deadline, not an error (the node shed the press it could not serve in time).
const string Busy = "Many people are checking in right now";
string? Fault(string outcome, string who) => recorded.Contains(outcome) || outcome == Busy ? null : $"{who}: {outcome}";

async Task KioskAsync(KioskCircuit circuit, int index)
{
    if (!atOnce) await Task.Delay(every * index / Math.Max(1, kiosks));
    while (clock.Elapsed < duration)
    {
        var started = clock.Elapsed;
        try
        {
            var outcome = await circuit.PressAsync(TimeSpan.FromSeconds(90));
            results["kiosk"].Add(outcome, (clock.Elapsed - started).TotalMilliseconds, Fault(outcome, $"kiosk {index}"));
            await circuit.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            results["kiosk"].Error($"kiosk {index}: {ex.Message}");
            if (circuit.Failure is not null) return;
        }
        var wait = started + every - clock.Elapsed;
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
    }
}

async Task PersonalAsync(int index)
{
    var (tabCookie, steps) = accountCookies[index % accountCookies.Count];
    await Task.Delay(personalEvery * index / Math.Max(1, personalTabs));
    while (clock.Elapsed < duration)
    {
        var started = clock.Elapsed;
        await using (var tab = new KioskCircuit(server, tabCookie, photo, steps, "me?checkin=true"))
        {
            try
            {
                var outcome = await tab.OpenAsync(http, TimeSpan.FromSeconds(90));
                results["personal"].Add(outcome, (clock.Elapsed - started).TotalMilliseconds, Fault(outcome, $"tab {index}"));
            }
            catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or HttpRequestException or System.Net.WebSockets.WebSocketException)
            {
                results["personal"].Error($"tab {index}: {ex.Message}");
            }
        }
        var wait = started + personalEvery - clock.Elapsed;
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
    }
}

await Task.WhenAll(circuits.Select((c, i) => Task.Run(() => KioskAsync(c, i)))
    .Concat(Enumerable.Range(0, personalTabs).Select(i => Task.Run(() => PersonalAsync(i)))));
var elapsed = clock.Elapsed.TotalSeconds;
Console.WriteLine($"kiosk circuits {kiosks} (one press each every {every.TotalSeconds:0} s{(kioskSteps is null ? ", a still" : ", a liveness challenge, step by step")}), " +
                  $"personal tabs {personalTabs} (each opened every {personalEvery.TotalSeconds:0} s), {elapsed:0} s");
var errors = 0;
foreach (var (kind, r) in results.Where(r => r.Value.Count > 0 || r.Value.Errors.Count > 0))
{
    Console.WriteLine(r.Report(kind, elapsed));
    errors += r.Errors.Count;
}
Console.WriteLine($"check-ins and check-outs recorded: {results.Values.Sum(r => r.Recorded(recorded))}, {results.Values.Sum(r => r.Recorded(recorded)) / elapsed:0.00} per second");
foreach (var c in circuits) await c.DisposeAsync();
return errors == 0 ? 0 : 1;

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

/// <summary>One kind of client's outcomes and press-to-result times.</summary>
internal sealed class Results
{
    private readonly List<double> _latencies = [];
    private readonly Dictionary<string, int> _outcomes = [];
    private readonly object _gate = new();

    public List<string> Errors { get; } = [];

    public int Count { get { lock (_gate) return _latencies.Count; } }

    public void Add(string outcome, double ms, string? error)
    {
        lock (_gate)
        {
            _latencies.Add(ms);
            _outcomes[outcome] = _outcomes.GetValueOrDefault(outcome) + 1;
            if (error is not null) Errors.Add(error);
        }
    }

    public void Error(string error)
    {
        lock (_gate) Errors.Add(error);
    }

    public int Recorded(string[] recorded)
    {
        lock (_gate) return _outcomes.Where(o => recorded.Contains(o.Key) && o.Key is not ("Nothing changed" or "nothing changed")).Sum(o => o.Value);
    }

    public string Report(string kind, double elapsed)
    {
        lock (_gate)
        {
            _latencies.Sort();
            double Percentile(double p) => _latencies.Count == 0 ? double.NaN : _latencies[Math.Min(_latencies.Count - 1, (int)Math.Ceiling(p / 100 * _latencies.Count) - 1)];
            return $"{kind}: {_latencies.Count} results, {_latencies.Count / elapsed:0.00} per second; " +
                   $"press_to_result_ms p50 {Percentile(50):0} p95 {Percentile(95):0} max {(_latencies.Count > 0 ? _latencies[^1] : double.NaN):0}\n" +
                   $"  outcomes: {string.Join(", ", _outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}"))}\n" +
                   $"  errors {Errors.Count}" + (Errors.Count > 0 ? ": " + string.Join(" | ", Errors.Distinct().Take(5)) : "");
        }
    }
}
