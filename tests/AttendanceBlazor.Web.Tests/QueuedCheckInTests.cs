using System.Net;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AttendanceBlazor.Web.Tests;

/// <summary>
/// The 09:00 peak through a real server: the app on Kestrel at 127.0.0.1, on the system clock, with one recognition
/// slot, so identical presses sent at once really queue for longer than the duplicate window. Each is judged by when it
/// arrived, not by when its turn came: the state changes once, on one node or across two on PostgreSQL, and every
/// press is answered (a duplicate, or busy with Retry-After).
/// </summary>
public sealed class QueuedCheckInTests : IAsyncDisposable
{
    private const int Copies = 40;
    private readonly List<AppFactory> _nodes = [];
    private ThrowawayPostgresDatabase? _postgres;

    private AppFactory Node(AppFactory? sameDatabaseAs = null, string provider = "Sqlite")
    {
        var node = new AppFactory(provider == "Sqlite" ? sameDatabaseAs?.Folder.Directory : null) { SystemClock = true };
        node.Settings["Recognition:MaxConcurrentAnalyses"] = "1";
        node.Settings["Attendance:DuplicateWindow"] = "00:00:02";
        node.Settings["RateLimits:ApiPermitsPerMinute"] = "100000";
        if (provider == "PostgreSQL")
        {
            _postgres ??= new ThrowawayPostgresDatabase();
            node.Settings["Database:Provider"] = "PostgreSQL";
            node.Settings["ConnectionStrings:Attendance"] = _postgres.ConnectionString;
        }
        node.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        node.StartServer();
        _nodes.Add(node);
        return node;
    }

    [Theory]
    [InlineData("Sqlite", 1)]
    [InlineData("PostgreSQL", 2)]
    public async Task FortyIdenticalCheckInsSentAtOnceChangeTheStateOnceHoweverLongTheyQueue(string provider, int nodes)
    {
        var first = Node(provider: provider);
        var all = new List<AppFactory> { first };
        for (var i = 1; i < nodes; i++) all.Add(Node(first, provider));
        var clients = new List<HttpClient>();
        foreach (var node in all) clients.Add(await node.KestrelApiClientAsync());
        Assert.Equal(HttpStatusCode.OK, (await clients[0].PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"))).StatusCode);
        // Known on every node (the change feed), and the registration's check-in out of the window.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var still = File.ReadAllBytes(TestFaces.PathOf("probe/obama.jpg"));

        var answers = await Task.WhenAll(Enumerable.Range(0, Copies).Select(i =>
            clients[i % clients.Count].PostAsync("/check_in_or_out", AppFactory.Form(null, bytes: still))));

        var bodies = await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()));
        var statuses = answers.Select(a => a.StatusCode).ToList();
        Assert.True(statuses.All(s => s is HttpStatusCode.OK or HttpStatusCode.Conflict or HttpStatusCode.ServiceUnavailable),
            string.Join("\n", statuses.Zip(bodies).Where(a => a.First is not (HttpStatusCode.OK or HttpStatusCode.Conflict or HttpStatusCode.ServiceUnavailable)).Select(a => $"{(int)a.First}: {a.Second}")));
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.All(answers.Where(a => a.StatusCode == HttpStatusCode.ServiceUnavailable), a => Assert.NotNull(a.Headers.RetryAfter));
        await using var db = first.Db();
        var records = await db.AttendanceRecords.ToListAsync();
        // The registration's check-in, closed by the one check-out.
        Assert.NotNull(Assert.Single(records).CheckOutUtc);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
        _postgres?.Dispose();
    }
}
