using System.Diagnostics.Metrics;
using AttendanceBlazor.Application.CheckIn;
using AttendanceBlazor.Application.Faces;
using AttendanceBlazor.Data.Entities;
using AttendanceBlazor.Recognition.Pipeline;

namespace AttendanceBlazor.Application.Diagnostics;

/// <summary>
/// The app's metrics (System.Diagnostics.Metrics, meter "AttendanceBlazor"): readable with
/// `dotnet-counters monitor -n AttendanceBlazor.Web --counters AttendanceBlazor`, exported over OTLP where
/// OpenTelemetry:Endpoint is set (docs/deploy.md).
/// </summary>
public sealed class AttendanceMetrics
{
    public const string MeterName = "AttendanceBlazor";

    private readonly Counter<long> _events;
    private readonly Histogram<double> _stages;

    public AttendanceMetrics(IMeterFactory meters, RecognitionGate gate, FaceGallery gallery, FaceIndexFeed feed)
    {
        var meter = meters.Create(MeterName);
        _events = meter.CreateCounter<long>("attendance.check_ins", "{event}",
            "Check-ins and check-outs by outcome (check_in, check_out, duplicate, register, lookalike, refused) and source (Kiosk, Api, Pin, Personal, ...)");
        _stages = meter.CreateHistogram<double>("attendance.recognition.duration", "ms",
            "Time of one still's analysis, by stage: decode, detect, landmarks, describe");
        meter.CreateObservableGauge("attendance.recognition.queue", () => gate.Waiting, "{still}", "Stills waiting for a recognition slot");
        meter.CreateObservableGauge("attendance.face_index.templates", () => gallery.Count, "{template}", "Face templates in this node's index");
        meter.CreateObservableGauge("attendance.face_index.feed_lag", () => feed.SecondsSinceLastPoll, "s",
            "Seconds since this node last read the face index's change feed (ADR 014)");
    }

    /// <summary>One committed decision of the write step (a resend answered from its Idempotency-Key is not one).</summary>
    public void Decided(CheckOutcome outcome, AttendanceSource source)
    {
        var name = outcome switch
        {
            CheckOutcome.CheckedIn => "check_in",
            CheckOutcome.CheckedOut => "check_out",
            CheckOutcome.Duplicate => "duplicate",
            CheckOutcome.Registered => "register",
            CheckOutcome.Lookalike => "lookalike",
            _ => "refused",
        };
        _events.Add(1, new KeyValuePair<string, object?>("outcome", name), new KeyValuePair<string, object?>("source", source.ToString()));
    }

    public void Analysed(StageTimings timings)
    {
        _stages.Record(timings.Decode.TotalMilliseconds, new KeyValuePair<string, object?>("stage", "decode"));
        _stages.Record(timings.Detect.TotalMilliseconds, new KeyValuePair<string, object?>("stage", "detect"));
        if (timings.Landmarks > TimeSpan.Zero) _stages.Record(timings.Landmarks.TotalMilliseconds, new KeyValuePair<string, object?>("stage", "landmarks"));
        if (timings.Descriptor > TimeSpan.Zero) _stages.Record(timings.Descriptor.TotalMilliseconds, new KeyValuePair<string, object?>("stage", "describe"));
    }
}
