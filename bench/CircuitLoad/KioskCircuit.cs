using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CircuitLoad;

/// <summary>
/// One kiosk as the server sees it: a Blazor Server circuit on /_blazor, started from the prerendered /kiosk page
/// the way blazor.web.js starts it (StartCircuit, then UpdateRootComponents with the page's component markers),
/// acknowledging every render batch, and answering the kiosk's JavaScript calls: the camera starts, and each
/// capture hands over a real photo as a JS data stream in chunks (ReceiveJSDataChunk), as the browser does.
/// "Check in or out" is pressed by calling the kiosk's [JSInvokable] OnShutterKey, as the space bar does.
/// </summary>
/// <remarks>
/// With <paramref name="steps"/> (a liveness challenge is on) each of the kiosk's "captureBurst" calls gets the frames
/// of a turn to the side the step on screen asks for (read from the render batches), after the step's recording
/// time, as a browser would hand them over. With a <paramref name="page"/> other than the kiosk (a personal
/// tab: "me?checkin=true") the page starts its check-in by itself once the circuit is up (<see cref="OpenAsync"/>).
/// </remarks>
internal sealed partial class KioskCircuit(Uri server, string cookie, byte[] photo, StepClips? steps = null, string page = "kiosk") : IAsyncDisposable
{
    private static readonly string[] KioskOutcomes =
    [
        "You are checked in", "You are checked out", "Nothing changed", "registered and checked in",
        "Something went wrong", "busy right now", "No face found", "could not be read", "What is your name",
        "Many people are checking in right now", "could not see the movement", "could not be taken",
    ];

    // A personal tab's result line (its title says "You are checked in" before anything happens).
    private static readonly string[] PersonalOutcomes =
    [
        "Checked in at", "Checked out at", "nothing changed", "not the face registered", "could not see the movement",
        "Too many tries", "could not be taken", "Something went wrong", "busy right now", "No face found",
        "Many people are checking in right now",
    ];

    private readonly string[] _outcomes = page == "kiosk" ? KioskOutcomes : PersonalOutcomes;

    private readonly ClientWebSocket _ws = new();
    private readonly SemaphoreSlim _send = new(1, 1);
    private readonly Dictionary<string, TaskCompletionSource<object?>> _completions = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource<string>? _result;
    private TaskCompletionSource? _waiting;
    private long _dotNetObjectId = -1;
    private long _nextJsObject = 1;
    private int _nextInvocation;
    private long _nextCall;
    private Task? _receiving;
    private byte[]? _payload;
    private bool _left;

    public string? Failure { get; private set; }

    /// <summary>A personal tab: loads the page, whose check-in starts by itself, and waits for its result.</summary>
    public async Task<string> OpenAsync(HttpClient http, TimeSpan timeout)
    {
        _result = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await ConnectAsync(http, waitForKiosk: false);
        return await _result.Task.WaitAsync(timeout);
    }

    public async Task ConnectAsync(HttpClient http, bool waitForKiosk = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server, page));
        request.Headers.Add("Cookie", cookie);
        var html = await (await http.SendAsync(request)).EnsureSuccessStatusCode().Content.ReadAsStringAsync();
        var markers = Marker().Matches(html).Select(m => m.Groups[1].Value).Where(m => m.Contains("\"descriptor\"", StringComparison.Ordinal)).ToList();
        if (markers.Count == 0) throw new InvalidOperationException($"/{page} has no interactive component markers (signed in with the right role?)");
        var state = ComponentState().Match(html) is { Success: true } s ? s.Groups[1].Value : "";

        using var negotiate = new HttpRequestMessage(HttpMethod.Post, new Uri(server, "_blazor/negotiate?negotiateVersion=1"));
        negotiate.Headers.Add("Cookie", cookie);
        using var negotiated = JsonDocument.Parse(await (await http.SendAsync(negotiate)).EnsureSuccessStatusCode().Content.ReadAsStringAsync());
        var token = negotiated.RootElement.GetProperty("connectionToken").GetString();

        _ws.Options.SetRequestHeader("Cookie", cookie);
        var ws = new UriBuilder(server) { Scheme = server.Scheme == "https" ? "wss" : "ws", Path = "/_blazor", Query = $"id={token}" }.Uri;
        await _ws.ConnectAsync(ws, _stop.Token);
        await _ws.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"blazorpack\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, _stop.Token);
        _receiving = Task.Run(ReceiveLoopAsync);

        var circuit = await InvokeAsync("StartCircuit", server.ToString(), new Uri(server, page).ToString(), "[]", "");
        if (circuit is not string) throw new InvalidOperationException("the server refused to start a circuit");
        var operations = markers.Select((m, i) => new Dictionary<string, object?>
        {
            ["type"] = "add",
            ["ssrComponentId"] = i + 1,
            ["marker"] = WithUniqueId(m, i),
        });
        await SendAsync("UpdateRootComponents", JsonSerializer.Serialize(new { batchId = 1, operations }), state);
        if (waitForKiosk) await _ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    private static JsonElement WithUniqueId(string marker, int id)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(marker)!.AsObject();
        node["uniqueId"] = id;
        return JsonSerializer.SerializeToElement(node);
    }

    /// <summary>Presses "Check in or out" and waits for the result card; returns its headline's key phrase.</summary>
    public async Task<string> PressAsync(TimeSpan timeout)
    {
        _result = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var call = Interlocked.Increment(ref _nextCall).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await SendAsync("BeginInvokeDotNetFromJS", call, null, "OnShutterKey", _dotNetObjectId, "[]");
        try
        {
            return await _result.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"no result within {timeout.TotalSeconds:0} s; the screen last said: {LastWords}");
        }
    }

    /// <summary>The readable end of the last render batch, to say where a kiosk that timed out stood.</summary>
    private string LastWords => Regex.Replace(Volatile.Read(ref _lastText) ?? "", "[^A-Za-z0-9 ,.?!'-]+", " ").Trim() is var t && t.Length > 160 ? t[^160..] : t;

    private string? _lastText;

    /// <summary>Waits until the kiosk shows "Look at the camera" again after a result.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        try
        {
            await (_waiting?.Task.WaitAsync(timeout) ?? Task.CompletedTask);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"not ready again within {timeout.TotalSeconds:0} s; the screen last said: {LastWords}");
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[1 << 16];
        var pending = new MemoryStream();
        var handshakeDone = false;
        try
        {
            while (!_stop.IsCancellationRequested && _ws.State == WebSocketState.Open)
            {
                var r = await _ws.ReceiveAsync(buffer, _stop.Token);
                if (r.MessageType == WebSocketMessageType.Close) break;
                pending.Write(buffer, 0, r.Count);
                if (!r.EndOfMessage) continue;
                var data = pending.ToArray();
                pending.SetLength(0);
                var p = 0;
                if (!handshakeDone)
                {
                    var end = Array.IndexOf(data, (byte)0x1e);
                    if (end < 0) continue;
                    var response = Encoding.UTF8.GetString(data, 0, end);
                    if (response.Contains("error", StringComparison.Ordinal)) throw new InvalidOperationException("handshake refused: " + response);
                    handshakeDone = true;
                    p = end + 1;
                }
                while (p < data.Length)
                {
                    var (length, header) = VarInt(data, p);
                    p += header;
                    var q = p;
                    var message = (object?[])MsgPack.Read(data.AsSpan(0, p + length), ref q)!;
                    p += length;
                    await HandleAsync(message);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Failure = ex.Message;
            _ready.TrySetException(ex);
            _result?.TrySetException(ex);
        }
    }

    private static (int Length, int Header) VarInt(byte[] data, int p)
    {
        int length = 0, shift = 0, i = 0;
        byte b;
        do
        {
            b = data[p + i++];
            length |= (b & 0x7f) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        return (length, i);
    }

    private async Task HandleAsync(object?[] message)
    {
        switch ((long)message[0]!)
        {
            case 1: // invocation from the server
                var target = (string)message[3]!;
                var args = (object?[])message[4]!;
                await OnInvocationAsync(target, args);
                break;
            case 3: // completion of one of ours
                var id = (string)message[2]!;
                TaskCompletionSource<object?>? tcs;
                lock (_completions) _completions.Remove(id, out tcs);
                var kind = (long)message[3]!;
                if (kind == 1) tcs?.TrySetException(new InvalidOperationException($"hub error: {message[4]}"));
                else tcs?.TrySetResult(kind == 3 ? message[4] : null);
                break;
            case 7: // close
                Failure = $"the server closed the circuit: {message.ElementAtOrDefault(1)}";
                _result?.TrySetException(new InvalidOperationException(Failure));
                break;
        }
    }

    private async Task OnInvocationAsync(string target, object?[] args)
    {
        switch (target)
        {
            case "JS.RenderBatch":
                var batch = (byte[])args[1]!;
                await SendAsync("OnRenderCompleted", args[0], null);
                var text = Encoding.UTF8.GetString(batch);
                Volatile.Write(ref _lastText, text);
                // The step on screen: its words change only when the side does, so the last side seen holds.
                if (text.Contains("to your left, then back", StringComparison.Ordinal)) _left = true;
                else if (text.Contains("to your right, then back", StringComparison.Ordinal)) _left = false;
                if (_result is { Task.IsCompleted: false } && _outcomes.FirstOrDefault(o => text.Contains(o, StringComparison.Ordinal)) is { } outcome)
                {
                    _result.TrySetResult(outcome);
                }
                // Ready again after a result: the ready screen's heading. The challenge screen also says "Look at the
                // camera, then move as asked", so only a batch after the result counts, and not that sentence.
                if (_result is { Task.IsCompleted: true } && text.Contains("Look at the camera", StringComparison.Ordinal)
                    && !text.Contains("for each step", StringComparison.Ordinal)) _waiting?.TrySetResult();
                break;
            case "JS.BeginInvokeJS":
                await AnswerJsAsync((long)args[0]!, (string)args[1]!, args[2] as string ?? "[]");
                break;
        }
    }

    private async Task AnswerJsAsync(long taskId, string identifier, string argsJson)
    {
        string result = "null";
        Func<Task>? after = null;
        switch (identifier)
        {
            case "import":
                result = $"{{\"__jsObjectId\":{Interlocked.Increment(ref _nextJsObject)}}}";
                break;
            case "start":
                result = "{\"ok\":true,\"reason\":null}";
                break;
            case "listenForSpace":
                using (var doc = JsonDocument.Parse(argsJson)) _dotNetObjectId = doc.RootElement[0].GetProperty("__dotNetObject").GetInt64();
                after = () => { _ready.TrySetResult(); return Task.CompletedTask; };
                break;
            case "capture":
                _payload = photo;
                result = $"{{\"__jsObjectId\":{Interlocked.Increment(ref _nextJsObject)},\"__jsStreamReferenceLength\":{photo.Length}}}";
                break;
            case "captureBurst" when steps is not null:
                // The browser records for the step's duration (the second argument) before it hands the frames over;
                // meanwhile the circuit goes on (render batches are acknowledged), so the answer waits apart.
                int recording;
                bool withStill;
                using (var doc = JsonDocument.Parse(argsJson))
                {
                    recording = doc.RootElement[1].GetInt32();
                    withStill = doc.RootElement[5].GetBoolean();
                }
                var burst = steps.Build(_left, withStill);
                var reference = $"{{\"__jsObjectId\":{Interlocked.Increment(ref _nextJsObject)},\"__jsStreamReferenceLength\":{burst.Length}}}";
                _ = Task.Run(async () =>
                {
                    await Task.Delay(recording);
                    _payload = burst;
                    await SendAsync("EndInvokeJSFromDotNet", taskId, true, $"[{taskId},true,{reference}]");
                });
                return;
            case "Blazor._internal.sendJSDataStream":
                using (var doc = JsonDocument.Parse(argsJson))
                {
                    var streamId = doc.RootElement[1].GetInt64();
                    var chunkSize = doc.RootElement[2].GetInt32();
                    after = () => SendStreamAsync(streamId, chunkSize);
                }
                break;
        }
        await SendAsync("EndInvokeJSFromDotNet", taskId, true, $"[{taskId},true,{result}]");
        if (after is not null) _ = Task.Run(after);
    }

    /// <summary>The photo (or the burst) in chunks, each acknowledged before the next, as blazor.web.js sends a Blob.</summary>
    private async Task SendStreamAsync(long streamId, int chunkSize)
    {
        var photo = _payload ?? throw new InvalidOperationException("a stream was asked for before any capture");
        try
        {
            long chunk = 0;
            for (var offset = 0; offset < photo.Length; offset += chunkSize)
            {
                var part = photo.AsSpan(offset, Math.Min(chunkSize, photo.Length - offset)).ToArray();
                var accepted = await InvokeAsync("ReceiveJSDataChunk", streamId, chunk++, part, null);
                if (accepted is false) return;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Failure = "stream: " + ex.Message;
            _result?.TrySetException(ex);
        }
    }

    private async Task<object?> InvokeAsync(string target, params object?[] args)
    {
        var id = Interlocked.Increment(ref _nextInvocation).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var tcs = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_completions) _completions[id] = tcs;
        await WriteAsync([1L, new Dictionary<string, object?>(), id, target, args, Array.Empty<object?>()]);
        return await tcs.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    private Task SendAsync(string target, params object?[] args) =>
        WriteAsync([1L, new Dictionary<string, object?>(), null, target, args, Array.Empty<object?>()]);

    private async Task WriteAsync(object?[] message)
    {
        using var body = new MemoryStream();
        MsgPack.Write(body, message);
        using var frame = new MemoryStream();
        var length = (uint)body.Length;
        do
        {
            var b = (byte)(length & 0x7f);
            length >>= 7;
            if (length > 0) b |= 0x80;
            frame.WriteByte(b);
        }
        while (length > 0);
        body.Position = 0;
        body.CopyTo(frame);
        await _send.WaitAsync();
        try
        {
            await _ws.SendAsync(frame.ToArray(), WebSocketMessageType.Binary, true, _stop.Token);
        }
        finally
        {
            _send.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_ws.State == WebSocketState.Open) await _ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
        catch (WebSocketException)
        {
        }
        await _stop.CancelAsync();
        if (_receiving is not null) await Task.WhenAny(_receiving, Task.Delay(1000));
        _ws.Dispose();
    }

    [GeneratedRegex("<!--Blazor:(\\{.*?\\})-->", RegexOptions.Singleline)]
    private static partial Regex Marker();

    [GeneratedRegex("<!--Blazor-Server-Component-State:(.*?)-->", RegexOptions.Singleline)]
    private static partial Regex ComponentState();
}
