using AttendanceBlazor.Application.Integrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AttendanceBlazor.Cli.Tests;

/// <summary>
/// `attendance webhook add|list|rotate-secret|remove` on a real SQLite file: the secret printed once, alone on the
/// last line, is the one events are signed with (sent by the dispatcher to a receiver on 127.0.0.1, checked by a
/// verifier written from the specification); bad input exits 1 with a message and adds nothing.
/// </summary>
public sealed class WebhookVerbTests : IAsyncDisposable
{
    private readonly TestFolder _folder = new("cli-webhook-");
    private readonly IHost _host;

    public WebhookVerbTests()
    {
        _host = CliHost.Build(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Attendance"] = _folder.ConnectionString,
            ["DataProtection:KeysDirectory"] = _folder.KeysDirectory,
            ["Attendance:TimeZone"] = "Europe/Berlin",
        });
    }

    private Task<CliRun> Run(params string[] args) => Cli.RunAsync(_ => _host.Services, args);

    private static string LastLine(string output) => output.TrimEnd().Split('\n')[^1].Trim();

    [Fact]
    public async Task AddPrintsTheIdAndTheSecretThatSignsTheEvents()
    {
        await using var receiver = await WebhookReceiver.StartAsync();

        var added = await Run("webhook", "add", receiver.Url.ToString(), "--events", "attendance.corrected,person.erased");

        Assert.True(added.Code == 0, added.Err);
        Assert.Contains("webhook 1 added", added.Out);
        var secret = LastLine(added.Out);
        Assert.StartsWith("whsec_", secret);
        var list = await Run("webhook", "list");
        Assert.Contains("1\tenabled\t" + receiver.Url, list.Out);
        Assert.Contains("attendance.corrected,person.erased", list.Out);

        Assert.Equal(0, (await Run("person", "add", "Ann Lee")).Code);
        Assert.Equal(0, (await Run("record", "add", "Ann Lee", "--in", "2026-10-01 08:00", "--out", "2026-10-01 14:00", "--reason", "paper list")).Code);
        await _host.Services.GetRequiredService<WebhookDispatcher>().RunOnceAsync(CancellationToken.None);

        var got = Assert.Single(await receiver.WaitForAsync(1, TimeSpan.FromSeconds(5)));
        Assert.Equal("attendance.corrected", got.Type);
        Assert.Equal("added", got.Data.GetProperty("change").GetString());
        Assert.True(SpecVerifier.Verify(secret, got, DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task RotateSecretPrintsANewSecretAndBothSign()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var old = LastLine((await Run("webhook", "add", receiver.Url.ToString(), "--events", "*")).Out);

        var rotated = await Run("webhook", "rotate-secret", "1");

        Assert.True(rotated.Code == 0, rotated.Err);
        var fresh = LastLine(rotated.Out);
        Assert.StartsWith("whsec_", fresh);
        Assert.NotEqual(old, fresh);
        Assert.Equal(0, (await Run("person", "add", "Ann Lee")).Code);
        Assert.Equal(0, (await Run("record", "add", "Ann Lee", "--in", "2026-10-01 08:00", "--out", "2026-10-01 14:00", "--reason", "paper list")).Code);
        await _host.Services.GetRequiredService<WebhookDispatcher>().RunOnceAsync(CancellationToken.None);
        var got = Assert.Single(await receiver.WaitForAsync(1, TimeSpan.FromSeconds(5)));
        Assert.Equal(2, SpecVerifier.Entries(got));
        Assert.True(SpecVerifier.Verify(old, got, DateTimeOffset.UtcNow));
        Assert.True(SpecVerifier.Verify(fresh, got, DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task RemoveTakesTheEndpointAndAnUnknownIdExitsOne()
    {
        Assert.Equal(0, (await Run("webhook", "add", "https://hooks.example.com/a", "--events", "*")).Code);

        Assert.Equal(0, (await Run("webhook", "remove", "1")).Code);
        Assert.Equal("", (await Run("webhook", "list")).Out.Trim());

        var again = await Run("webhook", "remove", "1");
        Assert.Equal(1, again.Code);
        Assert.Contains("no such webhook", again.Err);
    }

    [Theory]
    [InlineData("ftp://hooks.example.com/a", "*", "http or https")]
    [InlineData("https://hooks.example.com/a", "attendance.checked_in,coffee.made", "event")]
    public async Task BadInputExitsOneWithAMessageAndAddsNothing(string url, string events, string message)
    {
        var run = await Run("webhook", "add", url, "--events", events);

        Assert.Equal(1, run.Code);
        Assert.Contains(message, run.Err, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("", (await Run("webhook", "list")).Out.Trim());
    }

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        _folder.Dispose();
        await Task.CompletedTask;
    }
}
