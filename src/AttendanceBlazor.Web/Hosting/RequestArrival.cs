using AttendanceBlazor.Application.Time;

namespace AttendanceBlazor.Web.Hosting;

/// <summary>
/// When a request reached the server, read first thing in the pipeline, before the rate limiter, the byte budget or
/// the recognition queue: a check-in that waited behind others is judged by when it came (the event's time and the
/// duplicate window), and its deadline counts from here.
/// </summary>
public static class RequestArrival
{
    private sealed record Feature(Arrival Arrival);

    public static IApplicationBuilder UseRequestArrival(this IApplicationBuilder app)
    {
        var time = app.ApplicationServices.GetRequiredService<TimeProvider>();
        return app.Use((context, next) =>
        {
            context.Features.Set(new Feature(Arrival.Now(time)));
            return next(context);
        });
    }

    /// <summary>The request's arrival; now, for a request that did not pass the middleware (none in the app).</summary>
    public static Arrival Of(HttpContext context) =>
        context.Features.Get<Feature>()?.Arrival ?? Arrival.Now(context.RequestServices.GetRequiredService<TimeProvider>());
}
