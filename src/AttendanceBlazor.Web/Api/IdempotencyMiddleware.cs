using AttendanceBlazor.Application.Api;
using AttendanceBlazor.Web.Security;

namespace AttendanceBlazor.Web.Api;

/// <summary>
/// An addition to the REST API: POST /check_in_or_out may carry an Idempotency-Key header. The first request with
/// a key is processed and its answer kept (per device, for a day); a resend after a lost answer gets the same status
/// and body again, with Idempotency-Replayed: true, and records nothing. Without the header nothing changes.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IdempotencyService idempotency, ILogger<IdempotencyMiddleware> logger)
{
    public const string Header = "Idempotency-Key";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method)
            || !context.Request.Path.Equals("/check_in_or_out", StringComparison.OrdinalIgnoreCase)
            || !context.Request.Headers.TryGetValue(Header, out var values)
            || context.User.FindFirst(ApiKeyAuthenticationHandler.DeviceClaim)?.Value is not { } device)
        {
            // No key (or no device: the endpoint answers 401 as ever).
            await next(context);
            return;
        }
        var key = values.ToString();
        if (values.Count != 1 || !IdempotencyService.IsValidKey(key))
        {
            await Results.Problem(statusCode: 400, detail: $"'{Header}' must be one value of 1 to {IdempotencyService.MaxKeyLength} visible ASCII characters (a UUID, for example)",
                extensions: new Dictionary<string, object?> { ["error"] = $"'{Header}' must be one value of 1 to {IdempotencyService.MaxKeyLength} visible ASCII characters" }).ExecuteAsync(context);
            return;
        }

        var (claim, answer) = await idempotency.ClaimAsync(device, key, context.RequestAborted);
        if (claim == IdempotencyClaim.Answered)
        {
            logger.LogInformation("Device {Device} resent Idempotency-Key {Key}: the first answer is sent again", device, key);
            context.Response.StatusCode = answer!.StatusCode!.Value;
            context.Response.ContentType = answer.ContentType;
            context.Response.Headers["Idempotency-Replayed"] = "true";
            await context.Response.Body.WriteAsync(answer.Body ?? [], context.RequestAborted);
            return;
        }
        if (claim == IdempotencyClaim.InProgress)
        {
            context.Response.Headers.RetryAfter = "1";
            await Results.Problem(statusCode: 409, detail: "a request with this Idempotency-Key is still being processed; send it again in a moment for its answer",
                extensions: new Dictionary<string, object?> { ["error"] = "a request with this Idempotency-Key is still being processed" }).ExecuteAsync(context);
            return;
        }

        // Started: process it, keeping a copy of the answer as it goes out.
        var original = context.Response.Body;
        using var copy = new MemoryStream();
        context.Response.Body = copy;
        try
        {
            await next(context);
        }
        catch
        {
            await idempotency.AbandonAsync(device, key);
            throw;
        }
        finally
        {
            context.Response.Body = original;
        }
        var body = copy.ToArray();
        await idempotency.CompleteAsync(device, key, context.Response.StatusCode, context.Response.ContentType, body, CancellationToken.None);
        await original.WriteAsync(body, context.RequestAborted);
    }
}
