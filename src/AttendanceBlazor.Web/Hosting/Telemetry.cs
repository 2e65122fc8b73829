using AttendanceBlazor.Application.Diagnostics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AttendanceBlazor.Web.Hosting;

/// <summary>
/// OpenTelemetry export where OpenTelemetry:Endpoint names an OTLP collector: the app's metrics (AttendanceMetrics),
/// ASP.NET Core's and the runtime's, and a trace per request. Without the setting nothing is exported; the metrics
/// are still there for dotnet-counters, and every log line written during a request carries its TraceId and SpanId.
/// </summary>
public static class Telemetry
{
    public static IServiceCollection AddAttendanceTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration["OpenTelemetry:Endpoint"] is not { Length: > 0 } endpoint) return services;
        var collector = new Uri(endpoint);
        services.AddOpenTelemetry()
            .WithMetrics(m => m.AddMeter(AttendanceMetrics.MeterName).AddAspNetCoreInstrumentation().AddRuntimeInstrumentation()
                .AddOtlpExporter(o => o.Endpoint = collector))
            .WithTracing(t => t.AddAspNetCoreInstrumentation().AddOtlpExporter(o => o.Endpoint = collector));
        return services;
    }
}
