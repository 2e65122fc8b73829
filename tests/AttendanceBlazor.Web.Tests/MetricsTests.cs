using System.Diagnostics.Metrics;
using System.Net;
using AttendanceBlazor.Application.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceBlazor.Web.Tests;

/// <summary>The app's metrics as dotnet-counters or an OpenTelemetry collector reads them: events by outcome and source, recognition time per stage, the index.</summary>
public sealed class MetricsTests : IDisposable
{
    private readonly AppFactory _app = new();

    [Fact]
    public async Task CheckInsAreCountedByOutcomeAndSourceAndEachRecognitionStageIsTimed()
    {
        var factory = _app.Services.GetRequiredService<IMeterFactory>();
        var events = new List<(long Value, string Outcome, string Source)>();
        var stages = new List<(double Ms, string Stage)>();
        var gauges = new Dictionary<string, double>();
        using var listener = new MeterListener();
        // Only this app's meter: other tests run apps of their own at the same time.
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == AttendanceMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory)) l.EnableMeasurementEvents(instrument);
        };
        string Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
        {
            foreach (var t in tags) if (t.Key == name) return t.Value?.ToString() ?? "";
            return "";
        }
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (events) events.Add((value, Tag(tags, "outcome"), Tag(tags, "source")));
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            lock (stages) if (instrument.Name == "attendance.recognition.duration") stages.Add((value, Tag(tags, "stage")));
        });
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => { lock (gauges) gauges[instrument.Name] = value; });
        listener.Start();

        var api = await _app.ApiClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsync("/check_in_or_out", AppFactory.Form("probe/obama.jpg"))).StatusCode);
        _app.Time.Advance(TimeSpan.FromHours(8));
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", AppFactory.Form("probe/obama.jpg"))).StatusCode);
        // A resend with the same Idempotency-Key is the first answer again, not a second event.
        _app.Time.Advance(TimeSpan.FromHours(8));
        for (var copy = 0; copy < 2; copy++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/check_in_or_out") { Content = AppFactory.Form("probe/obama.jpg") };
            request.Headers.Add("Idempotency-Key", "morning-1");
            Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(request)).StatusCode);
        }
        listener.RecordObservableInstruments();

        Assert.Equal(["register/Api", "duplicate/Api", "check_out/Api", "check_in/Api"], events.Select(e => $"{e.Outcome}/{e.Source}"));
        foreach (var stage in new[] { "decode", "detect", "landmarks", "describe" })
        {
            Assert.Contains(stages, s => s.Stage == stage && s.Ms > 0);
        }
        Assert.Equal(1, gauges["attendance.face_index.templates"]);
        Assert.Equal(0, gauges["attendance.recognition.queue"]);
    }

    public void Dispose() => _app.Dispose();
}
