using System.Net;
using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Application.Integrations;
using AttendanceBlazor.Application.People;
using AttendanceBlazor.Application.Records;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceBlazor.Web.Tests;

/// <summary>
/// Signed webhooks through real servers: the app (test server, or Kestrel on 127.0.0.1) on the system clock, a
/// receiver on Kestrel at 127.0.0.1, signatures checked by a verifier written from the Standard Webhooks
/// specification. Deadlines are polled (correctness: the event arrives), never timed.
/// </summary>
public sealed class WebhookTests : IAsyncDisposable
{
    private static readonly TimeSpan FiveSeconds = TimeSpan.FromSeconds(5);
    private static readonly Actor Admin = new(null, "admin@test");
    private readonly List<AppFactory> _nodes = [];
    private readonly List<WebhookReceiver> _receivers = [];
    private ThrowawayPostgresDatabase? _postgres;

    private AppFactory App(string retryDelays = "00:00:01", string provider = "Sqlite", bool systemClock = true)
    {
        var app = new AppFactory { SystemClock = systemClock };
        app.Settings["Webhooks:RetryDelays"] = retryDelays;
        app.Settings["Webhooks:PollInterval"] = "00:00:00.2";
        app.Settings["Attendance:DuplicateWindow"] = "00:00:02";
        if (provider == "PostgreSQL")
        {
            _postgres ??= new ThrowawayPostgresDatabase();
            app.Settings["Database:Provider"] = "PostgreSQL";
            app.Settings["ConnectionStrings:Attendance"] = _postgres.ConnectionString;
        }
        _nodes.Add(app);
        _ = app.Services;
        return app;
    }

    private async Task<WebhookReceiver> ReceiverAsync()
    {
        var receiver = await WebhookReceiver.StartAsync();
        _receivers.Add(receiver);
        return receiver;
    }

    private static async Task<(int Id, string Secret)> SubscribeAsync(AppFactory app, Uri url, string events = "*")
    {
        var added = await app.Services.GetRequiredService<WebhookService>().AddAsync(url.ToString(), events, Admin);
        Assert.True(added.Succeeded, added.Outcome.ToString());
        return (int.Parse(added.CreatedId!, System.Globalization.CultureInfo.InvariantCulture), added.Secret!);
    }

    [Fact]
    public async Task ARegistrationThroughTheRestApiReachesTheReceiverWithinFiveSecondsSignedAsTheSpecificationSays()
    {
        var app = App();
        var receiver = await ReceiverAsync();
        var (_, secret) = await SubscribeAsync(app, receiver.Url);
        Assert.StartsWith("whsec_", secret);
        var client = await app.ApiClientAsync();

        var answer = await client.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var got = await receiver.WaitForAsync(2, FiveSeconds);
        Assert.Equal(["person.registered", "attendance.checked_in"], got.Select(g => g.Type));
        Assert.All(got, g => Assert.True(SpecVerifier.Verify(secret, g, DateTimeOffset.UtcNow), $"signature of {g.Id} does not verify: {g.Signature}"));
        Assert.Equal(2, got.Select(g => g.Id).Distinct().Count());
        Assert.All(got, g => Assert.StartsWith("msg_", g.Id));
        await using var db = app.Db();
        var person = await db.People.SingleAsync();
        var registered = got[0].Data;
        Assert.Equal(person.Id, registered.GetProperty("person_id").GetInt32());
        Assert.Equal("Barack Obama", registered.GetProperty("name").GetString());
        var checkedIn = got[1].Data;
        var record = await db.AttendanceRecords.SingleAsync();
        Assert.Equal(record.Id, checkedIn.GetProperty("record_id").GetInt64());
        Assert.Equal(person.Id, checkedIn.GetProperty("person_id").GetInt32());
        // Both times: the configured zone (Europe/Berlin) and UTC.
        var utc = DateTime.SpecifyKind(record.CheckInUtc, DateTimeKind.Utc);
        Assert.Equal(utc.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), checkedIn.GetProperty("check_in_utc").GetString());
        var berlin = TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        Assert.Equal(berlin.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), checkedIn.GetProperty("check_in_local").GetString());
        // Never face data.
        Assert.All(got, g => Assert.DoesNotContain("descriptor", g.Body, StringComparison.OrdinalIgnoreCase));
        Assert.All(got, g => Assert.DoesNotContain("thumbnail", g.Body, StringComparison.OrdinalIgnoreCase));

        // The check-out, too.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/check_in_or_out", AppFactory.Form("probe/obama.jpg"))).StatusCode);
        var outEvent = Assert.Single(await receiver.WaitForAsync(1, FiveSeconds, g => g.Type == "attendance.checked_out"));
        Assert.True(SpecVerifier.Verify(secret, outEvent, DateTimeOffset.UtcNow));
        Assert.Equal(record.Id, outEvent.Data.GetProperty("record_id").GetInt64());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, outEvent.Data.GetProperty("check_out_utc").ValueKind);
    }

    [Fact]
    public async Task ASignatureWithAnotherSecretOrAChangedBodyIsRefusedByTheVerifier()
    {
        var app = App();
        var receiver = await ReceiverAsync();
        var (_, secret) = await SubscribeAsync(app, receiver.Url);
        await (await app.ApiClientAsync()).PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"));
        var got = (await receiver.WaitForAsync(1, FiveSeconds))[0];

        Assert.True(SpecVerifier.Verify(secret, got, DateTimeOffset.UtcNow));
        Assert.False(SpecVerifier.Verify(WebhookSigner.NewSecret(), got, DateTimeOffset.UtcNow));
        Assert.False(SpecVerifier.Verify(secret, got with { Body = got.Body.Replace("Barack", "Borack", StringComparison.Ordinal) }, DateTimeOffset.UtcNow));
        Assert.False(SpecVerifier.Verify(secret, got, DateTimeOffset.UtcNow.AddMinutes(10)));
    }

    [Fact]
    public async Task AReceiverThatAnswers500TwiceGetsTheEventOnTheThirdTryWithTheSameIdAndNeverAgain()
    {
        var app = App(retryDelays: "00:00:01");
        var receiver = await ReceiverAsync();
        receiver.Answers.Enqueue(500);
        receiver.Answers.Enqueue(500);
        var (endpointId, secret) = await SubscribeAsync(app, receiver.Url, "person.registered");

        await (await app.ApiClientAsync()).PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"));

        var tries = await receiver.WaitForAsync(3, TimeSpan.FromSeconds(15));
        Assert.Equal(3, tries.Count);
        Assert.Single(tries.Select(t => t.Id).Distinct());
        Assert.All(tries, t => Assert.True(SpecVerifier.Verify(secret, t, DateTimeOffset.UtcNow)));
        // Long enough for two more tries at the 1-second retry delay, had it not been marked delivered.
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal(3, receiver.Received.Count);
        await using var db = app.Db();
        var delivery = await db.WebhookDeliveries.SingleAsync();
        Assert.Equal(WebhookDeliveryState.Delivered, delivery.State);
        Assert.Equal(3, delivery.Attempts);
        Assert.Equal(200, delivery.LastStatus);
        Assert.NotNull((await db.WebhookEndpoints.SingleAsync(e => e.Id == endpointId)).LastSuccessUtc);

        // The log shows it; a resend sends it again with the same id.
        var service = app.Services.GetRequiredService<WebhookService>();
        var log = Assert.Single(await service.LogAsync(endpointId));
        Assert.Equal(3, log.Attempts);
        Assert.True((await service.ResendAsync(log.Id, Admin)).Succeeded);
        var again = await receiver.WaitForAsync(4, FiveSeconds);
        Assert.Equal(tries[0].Id, again[3].Id);
    }

    [Fact]
    public async Task AFailedAnswerKeepsAtMostOneKilobyteAndTheStatusInTheLog()
    {
        var app = App(retryDelays: "01:00:00");
        var receiver = await ReceiverAsync();
        receiver.Answers.Enqueue(503);
        var (endpointId, _) = await SubscribeAsync(app, receiver.Url, "person.registered");

        await (await app.ApiClientAsync()).PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"));

        await receiver.WaitForAsync(1, FiveSeconds);
        var row = await PollAsync(app, endpointId, r => r.Attempts == 1);
        Assert.Equal(WebhookDeliveryState.Pending, row.State);
        Assert.Equal(503, row.LastStatus);
        Assert.Equal(1024, row.LastResponse!.Length);
        // The next try an hour on (Webhooks:RetryDelays), not now.
        Assert.True(row.NextAttemptUtc > DateTime.UtcNow.AddMinutes(55), row.NextAttemptUtc.ToString("O"));
    }

    [Fact]
    public async Task ARedirectIsNotFollowed()
    {
        var app = App(retryDelays: "01:00:00");
        var receiver = await ReceiverAsync();
        var (endpointId, _) = await SubscribeAsync(app, new Uri(receiver.Url, "/moved"), "person.registered");

        await (await app.ApiClientAsync()).PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"));

        await receiver.WaitForAsync(1, FiveSeconds);
        var row = await PollAsync(app, endpointId, r => r.Attempts == 1);
        Assert.Equal(302, row.LastStatus);
        Assert.Equal(WebhookDeliveryState.Pending, row.State);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(receiver.Received, r => r.Path == "/hooks");
    }

    [Fact]
    public async Task AfterARotationEventsCarryTwoSignaturesOneForEachSecret()
    {
        var app = App();
        var receiver = await ReceiverAsync();
        var (endpointId, oldSecret) = await SubscribeAsync(app, receiver.Url, "person.registered");
        var rotated = await app.Services.GetRequiredService<WebhookService>().RotateSecretAsync(endpointId, Admin);
        var newSecret = rotated.Secret!;
        Assert.NotEqual(oldSecret, newSecret);

        await (await app.ApiClientAsync()).PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"));

        var got = Assert.Single(await receiver.WaitForAsync(1, FiveSeconds));
        Assert.Equal(2, SpecVerifier.Entries(got));
        Assert.True(SpecVerifier.Verify(oldSecret, got, DateTimeOffset.UtcNow));
        Assert.True(SpecVerifier.Verify(newSecret, got, DateTimeOffset.UtcNow));
        await using var db = app.Db();
        Assert.Contains(await db.AuditEntries.Select(a => a.Action).ToListAsync(), a => a == AuditActions.WebhookRotate);
        // The secret is stored encrypted, never as given.
        var stored = await db.WebhookEndpoints.SingleAsync();
        Assert.DoesNotContain(newSecret, stored.Secret);
        Assert.DoesNotContain("whsec_", stored.Secret);
    }

    [Fact]
    public async Task AnEventIsWrittenOnlyWhenTheChangeCommits()
    {
        var app = App();
        var receiver = await ReceiverAsync();
        await SubscribeAsync(app, receiver.Url);
        app.Failures.FailNext = true;

        var answer = await (await app.ApiClientAsync()).PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"));

        Assert.Equal(HttpStatusCode.InternalServerError, answer.StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty(receiver.Received);
        await using var db = app.Db();
        Assert.Empty(await db.WebhookDeliveries.ToListAsync());
    }

    [Fact]
    public async Task HrChangesToRecordsAreSentAsCorrectedWithWhatChanged()
    {
        var app = App();
        var receiver = await ReceiverAsync();
        await (await app.ApiClientAsync()).PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"));
        await SubscribeAsync(app, receiver.Url, "attendance.corrected");
        await using var db = app.Db();
        var person = await db.People.SingleAsync();
        var records = app.Services.GetRequiredService<RecordsService>();

        var added = await records.AddAsync(person.Id, new DateTime(2026, 11, 3, 8, 0, 0), new DateTime(2026, 11, 3, 12, 0, 0), "forgot the card", Admin);

        Assert.True(added.Succeeded, added.Outcome.ToString());
        var got = Assert.Single(await receiver.WaitForAsync(1, FiveSeconds));
        Assert.Equal("attendance.corrected", got.Type);
        Assert.Equal("added", got.Data.GetProperty("change").GetString());
        Assert.Equal("2026-11-03 08:00:00", got.Data.GetProperty("check_in_local").GetString());
        Assert.Equal("2026-11-03T07:00:00Z", got.Data.GetProperty("check_in_utc").GetString());
        Assert.Equal("Barack Obama", got.Data.GetProperty("name").GetString());
    }

    [Fact]
    public async Task ErasureDeletesThePersonsEventsAndLogAndSendsTheIdAlone()
    {
        var app = App(retryDelays: "01:00:00");
        var receiver = await ReceiverAsync();
        var (delivered, _) = await SubscribeAsync(app, receiver.Url);
        var failing = await ReceiverAsync();
        for (var i = 0; i < 5; i++) failing.Answers.Enqueue(500);
        var (waiting, _) = await SubscribeAsync(app, failing.Url);
        await (await app.ApiClientAsync()).PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"));
        await receiver.WaitForAsync(2, FiveSeconds);
        await failing.WaitForAsync(2, FiveSeconds);
        await using (var before = app.Db())
        {
            var personId = (await before.People.SingleAsync()).Id;
            Assert.Equal(4, await before.WebhookDeliveries.CountAsync(d => d.PersonId == personId));

            var erased = await app.Services.GetRequiredService<PeopleService>().EraseAsync(personId, Admin, "left the company");
            Assert.True(erased.Succeeded);

            Assert.Equal(0, await before.WebhookDeliveries.CountAsync(d => d.PersonId == personId));
            var service = app.Services.GetRequiredService<WebhookService>();
            foreach (var endpoint in new[] { delivered, waiting })
            {
                var log = await service.LogAsync(endpoint);
                Assert.Equal(["person.erased"], log.Select(l => l.EventType));
            }
            var gone = Assert.Single(await receiver.WaitForAsync(1, FiveSeconds, g => g.Type == "person.erased"));
            Assert.Equal($$"""{"person_id":{{personId}}}""", gone.Data.GetRawText());
        }
        var all = await app.Db().WebhookDeliveries.Select(d => d.Payload).ToListAsync();
        Assert.DoesNotContain(all, p => p.Contains("Obama", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnEndpointFailingForADayIsDisabledItsEventsGivenUpAndTheAuditSaysSo()
    {
        // The fake clock: a day of retries in a moment.
        var app = App(retryDelays: "00:00:05,02:00:00", systemClock: false);
        var receiver = await ReceiverAsync();
        for (var i = 0; i < 100; i++) receiver.Answers.Enqueue(500);
        var (endpointId, _) = await SubscribeAsync(app, receiver.Url, "person.registered,attendance.corrected");
        await (await app.ApiClientAsync()).PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"));
        var dispatcher = app.Services.GetRequiredService<WebhookDispatcher>();
        await PollAsync(app, endpointId, r => r.Attempts == 1);

        for (var hour = 0; hour < 26; hour += 2)
        {
            app.Time.Advance(TimeSpan.FromHours(2));
            await dispatcher.RunOnceAsync(CancellationToken.None);
        }

        await using var db = app.Db();
        var endpoint = await db.WebhookEndpoints.SingleAsync();
        Assert.False(endpoint.Enabled);
        Assert.NotNull(endpoint.DisabledUtc);
        Assert.Equal(WebhookDeliveryState.Failed, (await db.WebhookDeliveries.SingleAsync()).State);
        Assert.Single(await db.AuditEntries.Where(a => a.Action == AuditActions.WebhookDisabled).ToListAsync());
        var row = Assert.Single(await app.Services.GetRequiredService<WebhookService>().ListAsync());
        Assert.False(row.Enabled);
        Assert.Equal(1, row.Failed);
        var tries = receiver.Received.Count;

        // Nothing goes to it while disabled, but what happens meanwhile is kept for it.
        var person = (await app.Db().People.SingleAsync()).Id;
        var added = await app.Services.GetRequiredService<RecordsService>().AddAsync(person, new DateTime(2026, 3, 1, 8, 0, 0), new DateTime(2026, 3, 1, 9, 0, 0), "paper list", Admin);
        Assert.True(added.Succeeded, added.ToString());
        app.Time.Advance(TimeSpan.FromHours(3));
        await dispatcher.RunOnceAsync(CancellationToken.None);
        Assert.Equal(tries, receiver.Received.Count);

        // Enabled again: the kept event goes out, and a given-up one is resent with its id.
        var service = app.Services.GetRequiredService<WebhookService>();
        Assert.True((await service.EnableAsync(endpointId, Admin)).Succeeded);
        receiver.Answers.Clear();
        await dispatcher.RunOnceAsync(CancellationToken.None);
        var kept = Assert.Single(await receiver.WaitForAsync(1, FiveSeconds, r => r.Type == "attendance.corrected"));
        Assert.Equal("added", kept.Data.GetProperty("change").GetString());
        var given = (await service.LogAsync(endpointId)).Single(l => l.State == WebhookDeliveryState.Failed);
        Assert.True((await service.ResendAsync(given.Id, Admin)).Succeeded);
        await dispatcher.RunOnceAsync(CancellationToken.None);
        Assert.Equal(given.MessageId, (await receiver.WaitForAsync(tries + 2, FiveSeconds)).Last().Id);
        Assert.Equal(WebhookDeliveryState.Delivered, (await app.Db().WebhookDeliveries.SingleAsync(d => d.Id == given.Id)).State);
    }

    [Fact]
    public async Task TheDeliveryLogIsKeptNinetyDaysThenRetentionDeletesIt()
    {
        var app = App(systemClock: false);
        var receiver = await ReceiverAsync();
        await SubscribeAsync(app, receiver.Url, "person.registered");
        await (await app.ApiClientAsync()).PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"));
        await app.Services.GetRequiredService<WebhookDispatcher>().RunOnceAsync(CancellationToken.None);
        await receiver.WaitForAsync(1, FiveSeconds);
        var retention = app.Services.GetRequiredService<Application.Jobs.Retention>();

        app.Time.Advance(TimeSpan.FromDays(89));
        await retention.RunOnceAsync();
        Assert.Single(await app.Db().WebhookDeliveries.ToListAsync());

        app.Time.Advance(TimeSpan.FromDays(2));
        await retention.RunOnceAsync();
        Assert.Empty(await app.Db().WebhookDeliveries.ToListAsync());
    }

    [Theory]
    [InlineData("ftp://example.com/hook")]
    [InlineData("/relative/hook")]
    [InlineData("https://user:pass@example.com/hook")]
    [InlineData("")]
    public async Task ABadUrlIsRefusedAndNothingIsAdded(string url)
    {
        var app = App();
        var result = await app.Services.GetRequiredService<WebhookService>().AddAsync(url, "*", Admin);
        Assert.False(result.Succeeded);
        Assert.Equal(Application.Outcome.BadWebhookUrl, result.Outcome);
        Assert.Empty(await app.Db().WebhookEndpoints.ToListAsync());
    }

    [Fact]
    public async Task AnUnknownEventTypeIsRefused()
    {
        var app = App();
        var result = await app.Services.GetRequiredService<WebhookService>().AddAsync("https://example.com/hook", "attendance.checked_in,coffee.made", Admin);
        Assert.Equal(Application.Outcome.BadWebhookEvents, result.Outcome);
        Assert.Empty(await app.Db().WebhookEndpoints.ToListAsync());
    }

    [Fact]
    public async Task TwoNodesOnPostgreSqlSendEachEventToAHealthyReceiverOnce()
    {
        var a = App(provider: "PostgreSQL");
        var b = App(provider: "PostgreSQL");
        var receiver = await ReceiverAsync();
        // Slow enough that an event is in flight on one node while the other polls: only the claim keeps it from a second send.
        receiver.Slowness = TimeSpan.FromMilliseconds(300);
        // Added through node A; node B reads the secret with the key ring both share in the database.
        var (_, secret) = await SubscribeAsync(a, receiver.Url);
        await (await a.ApiClientAsync()).PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"));
        await using var db = a.Db();
        var personId = (await db.People.SingleAsync()).Id;

        // Twenty changes, written on both nodes; both nodes poll the outbox all the while.
        const int Changes = 20;
        for (var i = 0; i < Changes; i++)
        {
            var node = i % 2 == 0 ? a : b;
            var day = new DateTime(2026, 10, 1 + i, 8, 0, 0);
            var added = await node.Services.GetRequiredService<RecordsService>().AddAsync(personId, day, day.AddHours(8), "from paper", Admin);
            Assert.True(added.Succeeded, added.Outcome.ToString());
        }

        var expected = Changes + 2;
        var got = await receiver.WaitForAsync(expected, TimeSpan.FromSeconds(30));
        Assert.Equal(expected, got.Count);
        // Once each: after a pause in which a second send would have come.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(expected, receiver.Received.Count);
        Assert.Equal(expected, receiver.Received.Select(r => r.Id).Distinct().Count());
        Assert.All(receiver.Received, r => Assert.True(SpecVerifier.Verify(secret, r, DateTimeOffset.UtcNow)));
        Assert.All(await db.WebhookDeliveries.ToListAsync(), d => Assert.Equal(1, d.Attempts));
    }

    private static async Task<WebhookDeliveryRow> PollAsync(AppFactory app, int endpointId, Func<WebhookDeliveryRow, bool> until)
    {
        var service = app.Services.GetRequiredService<WebhookService>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var row = (await service.LogAsync(endpointId)).FirstOrDefault();
            if (row is not null && until(row)) return row;
            if (clock.Elapsed > FiveSeconds) throw new Xunit.Sdk.XunitException($"the delivery did not reach the state in 5 s: {row}");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
        foreach (var receiver in _receivers) await receiver.DisposeAsync();
        _postgres?.Dispose();
    }
}
