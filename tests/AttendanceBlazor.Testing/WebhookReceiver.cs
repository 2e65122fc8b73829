using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AttendanceBlazor.Testing;

/// <summary>A request as the receiver got it.</summary>
public sealed record ReceivedWebhook(string Path, string? Id, string? Timestamp, string? Signature, string Body, DateTimeOffset At)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string Type => Json.GetProperty("type").GetString()!;

    public JsonElement Data => Json.GetProperty("data");
}

/// <summary>
/// A webhook receiver on Kestrel at 127.0.0.1 (a real socket, a port of its own): records every request and answers
/// with the statuses queued in <see cref="Answers"/> (200 once they run out).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    public ConcurrentQueue<int> Answers { get; } = new();

    /// <summary>How long it takes to answer: a slow receiver keeps an event in flight, where a second sender would show.</summary>
    public TimeSpan Slowness { get; set; }

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public Uri Url { get; }

    private WebhookReceiver(WebApplication app, Uri url) => (_app, Url) = (app, url);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.Run(async context =>
        {
            if (receiver!.Slowness > TimeSpan.Zero) await Task.Delay(receiver.Slowness);
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var h = context.Request.Headers;
            receiver!.Received.Enqueue(new ReceivedWebhook(context.Request.Path, h["webhook-id"], h["webhook-timestamp"], h["webhook-signature"], body, DateTimeOffset.UtcNow));
            if (context.Request.Path.StartsWithSegments("/moved"))
            {
                context.Response.StatusCode = StatusCodes.Status302Found;
                context.Response.Headers.Location = "/hooks?followed=1";
                return;
            }
            context.Response.StatusCode = receiver.Answers.TryDequeue(out var status) ? status : 200;
            await context.Response.WriteAsync(context.Response.StatusCode == 200 ? "thanks" : new string('x', 5000));
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WebhookReceiver(app, new Uri(new Uri(address), "/hooks"));
        return receiver;
    }

    /// <summary>Waits up to <paramref name="deadline"/> for <paramref name="count"/> requests matching <paramref name="match"/>.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(int count, TimeSpan deadline, Func<ReceivedWebhook, bool>? match = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var got = Received.Where(r => match?.Invoke(r) ?? true).ToList();
            if (got.Count >= count || clock.Elapsed > deadline) return got;
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>
/// A Standard Webhooks verifier written from the specification (standardwebhooks.com, "Verifying webhooks"), not
/// from the app's signer: the secret is the base64 after "whsec_"; the signed content is "id.timestamp.body"; the
/// header holds space-separated "v1,&lt;base64 HMAC-SHA256&gt;" entries, any of which may match; a timestamp more
/// than five minutes from now is refused.
/// </summary>
public static class SpecVerifier
{
    public static bool Verify(string secret, ReceivedWebhook webhook, DateTimeOffset now)
    {
        if (webhook.Id is null || webhook.Timestamp is null || webhook.Signature is null) return false;
        if (!long.TryParse(webhook.Timestamp, out var seconds) || Math.Abs(now.ToUnixTimeSeconds() - seconds) > 300) return false;
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{webhook.Id}.{webhook.Timestamp}.{webhook.Body}"));
        foreach (var entry in webhook.Signature.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = entry.IndexOf(',');
            if (comma < 0 || entry[..comma] != "v1") continue;
            byte[] given;
            try
            {
                given = Convert.FromBase64String(entry[(comma + 1)..]);
            }
            catch (FormatException)
            {
                continue;
            }
            if (CryptographicOperations.FixedTimeEquals(given, expected)) return true;
        }
        return false;
    }

    public static int Entries(ReceivedWebhook webhook) => webhook.Signature?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length ?? 0;
}
