using System.Net;
using AttendanceBlazor.Data;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceBlazor.Web.Tests;

/// <summary>The probes a load balancer uses: anonymous, outside the first-run redirect, and ready means ready.</summary>
public sealed class HealthTests : IDisposable
{
    private readonly AppFactory _app = new();

    [Fact]
    public async Task LiveAndReadyAnswerAnonymouslyEvenBeforeTheFirstAccount()
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var live = await client.GetAsync("/healthz/live");
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (live.StatusCode, await live.Content.ReadAsStringAsync()));
        var ready = await client.GetAsync("/healthz/ready");
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (ready.StatusCode, await ready.Content.ReadAsStringAsync()));
        // Nobody has an account yet, and pages still lead to the setup: the probes do not.
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task ReadyIs503WhileRecognitionIsSaturatedSoTheLoadBalancerSendsNewSessionsElsewhere()
    {
        _app.Settings["Recognition:MaxConcurrentAnalyses"] = "1";
        _app.Settings["Recognition:AnalysisQueueLimit"] = "1";
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var gate = _app.Services.GetRequiredService<Application.Faces.RecognitionGate>();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/ready")).StatusCode);

        // Every slot held and the queue full, as at the peak.
        var held = await gate.EnterAsync(Application.Time.Arrival.Now(_app.Time), TimeSpan.FromSeconds(10), CancellationToken.None);
        var waiting = gate.EnterAsync(Application.Time.Arrival.Now(_app.Time), TimeSpan.FromSeconds(10), CancellationToken.None);
        var saturated = await client.GetAsync("/healthz/ready");
        var live = await client.GetAsync("/healthz/live");
        held!.Dispose();
        (await waiting)!.Dispose();
        var recovered = await client.GetAsync("/healthz/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, saturated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
    }

    [Fact]
    public async Task ReadyIs503WhenTheDatabaseCannotBeReachedAndLiveStays200()
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/ready")).StatusCode);
        // The database file's folder disappears under the running app (a lost volume).
        await using (var db = _app.Db())
        {
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            // The running app may write a file into it while it goes (a journal, a key): try again until it is gone.
            var folder = Path.GetDirectoryName(file)!;
            for (var attempt = 1; Directory.Exists(folder); attempt++)
            {
                try { Directory.Delete(folder, recursive: true); }
                catch (IOException) when (attempt < 20) { await Task.Delay(100); }
            }
        }
        var ready = await client.GetAsync("/healthz/ready");
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), (ready.StatusCode, await ready.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/live")).StatusCode);
    }

    public void Dispose() => _app.Dispose();
}
