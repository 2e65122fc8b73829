using System.Globalization;
using AttendanceBlazor.Application.CheckIn;
using AttendanceBlazor.Application.Faces;
using AttendanceBlazor.Application.Records;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using AttendanceBlazor.Recognition;
using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Web.Hosting;
using AttendanceBlazor.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Web.Api;

/// <summary>The original REST API, kept exactly: POST /check_in_or_out and GET /attendance, with device API keys.</summary>
public static class AttendanceApi
{
    public sealed record CheckResponse(string Message, string Name, string Action, string Time);

    public sealed record AttendanceResponse(string Name, string? EntryTime, string? ExitTime);

    public static IEndpointRouteBuilder MapAttendanceApi(this IEndpointRouteBuilder app)
    {
        var recognition = app.ServiceProvider.GetRequiredService<IOptions<RecognitionOptions>>().Value;

        app.MapPost("/check_in_or_out", CheckInOrOutAsync)
            .RequireAuthorization(Policies.ApiCheckIn)
            .RequireRateLimiting(ApiRateLimits.ApiPolicy)
            .DisableAntiforgery()
            // The form may carry the image plus a name; anything much larger is refused before it is read.
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes(recognition)))
            .WithName("CheckInOrOut")
            .WithSummary("Check in or out by face; register a new person when a name is sent")
            .WithDescription("multipart/form-data: `image` (required; repeat it, up to 5, for several stills of one person), `name` (only for a new person), `consent` (optional, true/false: false is refused with 400 and nothing is processed; a registration records a consent time only with true, and Attendance:Api:RequireConsent refuses registrations without it), `consent_version` (optional, with consent=true: the version of the text the person agreed to; Attendance:ConsentVersion otherwise). A 409 may carry `code`: `doubtful_match` (close to someone, not sure: send more stills), `lookalike` (a new face close to someone registered: the registration waits for HR), `inactive_person` (the person is deactivated). An optional `Idempotency-Key` header makes a resend answer the first outcome (header `Idempotency-Replayed: true`); the same key with a different request answers 422 with `code` `idempotency_key_reused`.")
            .Produces<CheckResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        app.MapGet("/attendance", GetAttendanceAsync)
            .RequireAuthorization(Policies.ApiReadAttendance)
            .RequireRateLimiting(ApiRateLimits.ApiPolicy)
            .WithName("GetAttendance")
            .WithSummary("The latest attendance record of a person, or the records between two dates")
            .WithDescription("`name` (required); `from` and `to` (yyyy-MM-dd, in the configured time zone, inclusive) give the list of records in that range.")
            .Produces<AttendanceResponse>(StatusCodes.Status200OK)
            .Produces<AttendanceResponse[]>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> CheckInOrOutAsync(HttpContext http, ApiCheckIn checkIn, BufferBudget budget, RecognitionGate gate,
        IOptions<RecognitionOptions> recognition, IOptions<AttendanceOptions> attendance, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        // The event's time and the answer's deadline: when the request arrived, before any queue (RequestArrival).
        var arrival = RequestArrival.Of(http);
        var request = http.Request;
        // An addition to the API: a device may name the request with an Idempotency-Key (Idempotency).
        string? idempotencyKey = null;
        if (request.Headers.TryGetValue(IdempotencyHeader, out var keyValues))
        {
            idempotencyKey = keyValues.ToString();
            if (keyValues.Count != 1 || !Idempotency.IsValidKey(idempotencyKey))
            {
                return Problem(400, $"'{IdempotencyHeader}' must be one value of 1 to {Idempotency.MaxKeyLength} visible ASCII characters (a UUID, for example)");
            }
        }
        if (!request.HasFormContentType)
        {
            return Problem(400, "send multipart/form-data with an 'image' field (and 'name' to register a new person)");
        }
        // Room for the images in memory first, before they are read: requests beyond the budget wait with their bodies
        // unread, and those that cannot be answered in time are told to come back (BufferBudget).
        var maxBytes = MaxRequestBytes(recognition.Value);
        using var room = await budget.ReserveAsync(Math.Min(request.ContentLength ?? maxBytes, maxBytes), arrival, attendance.Value.AnswerWithin, cancellationToken);
        if (room is null) return Busy(http, gate.RetryAfter);
        IFormCollection form;
        try
        {
            // The images stay in memory (their room is reserved above) instead of going through temporary files.
            http.Features.Set<Microsoft.AspNetCore.Http.Features.IFormFeature>(new Microsoft.AspNetCore.Http.Features.FormFeature(request,
                new Microsoft.AspNetCore.Http.Features.FormOptions { MemoryBufferThreshold = (int)Math.Min(int.MaxValue, maxBytes), MultipartBodyLengthLimit = maxBytes }));
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problem(413, $"the request is too large: images up to {recognition.Value.MaxImageBytes / (1024 * 1024)} MiB are accepted");
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return Problem(400, $"the form could not be read: {ex.Message}");
        }

        var images = form.Files.GetFiles("image");
        if (images.Count == 0) return Problem(400, "missing parameter 'image': attach the photo as a file field named 'image'");
        if (images.Count > CheckRequest.MaxImages) return Problem(400, $"{images.Count} images: send at most {CheckRequest.MaxImages} 'image' parts, all of one person");
        var stills = new List<ReadOnlyMemory<byte>>(images.Count);
        foreach (var image in images)
        {
            if (image.Length == 0) return Problem(400, "the image is empty (0 bytes)");
            if (image.Length > recognition.Value.MaxImageBytes)
            {
                return Problem(413, $"the image is too large: {image.Length:N0} bytes, the limit is {recognition.Value.MaxImageBytes:N0}");
            }
            var bytes = new byte[image.Length];
            await using (var stream = image.OpenReadStream())
            {
                await stream.ReadExactlyAsync(bytes, cancellationToken);
            }
            stills.Add(bytes);
        }

        bool? consent = null;
        if (form.TryGetValue("consent", out var consentValue) && !string.IsNullOrWhiteSpace(consentValue))
        {
            if (!bool.TryParse(consentValue.ToString(), out var c)) return Problem(400, "'consent' must be true or false");
            consent = c;
        }
        string? consentVersion = null;
        if (form.TryGetValue("consent_version", out var versionValue) && !string.IsNullOrWhiteSpace(versionValue))
        {
            consentVersion = versionValue.ToString().Trim();
            if (consentVersion.Length > MaxConsentVersionLength || consentVersion.Any(char.IsControl))
            {
                return Problem(400, $"'consent_version' must be at most {MaxConsentVersionLength} printable characters");
            }
            if (consent != true) return Problem(400, "'consent_version' names the text the person agreed to: send it with consent=true");
        }
        var name = form.TryGetValue("name", out var nameValue) ? nameValue.ToString() : null;
        var device = http.User.FindFirst(ApiKeyAuthenticationHandler.DeviceClaim)?.Value;

        CheckResult result;
        try
        {
            result = await checkIn.CheckAsync(new CheckRequest(stills, name, AttendanceSource.Api, device, consent, consentVersion, arrival) { IdempotencyKey = idempotencyKey }, cancellationToken);
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            loggers.CreateLogger(typeof(AttendanceApi)).LogWarning(ex, "Check-in refused: the database is busy or unreachable");
            http.Response.Headers.RetryAfter = "5";
            return Problem(503, "the database is busy or unreachable; nothing was recorded, please try again in a few seconds");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One transaction per request: whatever failed, nothing was written.
            loggers.CreateLogger(typeof(AttendanceApi)).LogError(ex, "Check-in failed");
            return Problem(500, "the check-in could not be processed or saved; nothing was recorded, please try again");
        }

        if (result.Outcome == CheckOutcome.Busy) return Busy(http, result.RetryAfter ?? gate.RetryAfter);
        if (result.Replayed) http.Response.Headers["Idempotency-Replayed"] = "true";
        var message = CheckAnswers.Message(result);
        if (result.Succeeded)
        {
            return Results.Ok(new CheckResponse(message, result.Name!, CheckAnswers.Action(result.Outcome), CheckAnswers.Timestamp(result.LocalTime!.Value)));
        }
        var extensions = new Dictionary<string, object?> { ["error"] = message, ["outcome"] = CheckAnswers.Action(result.Outcome) };
        if (result.LastEventLocalTime is { } last) extensions["last_event_time"] = CheckAnswers.Timestamp(last);
        if (CheckAnswers.Code(result.Outcome) is { } code) extensions["code"] = code;
        var status = CheckAnswers.StatusCode(result.Outcome);
        return Results.Problem(statusCode: status, title: Title(status), detail: message, extensions: extensions);
    }

    /// <summary>The largest form the endpoint reads: the images plus a name and the form's own framing.</summary>
    private static long MaxRequestBytes(RecognitionOptions recognition) => CheckRequest.MaxImages * recognition.MaxImageBytes + 64 * 1024;

    private static async Task<IResult> GetAttendanceAsync(string? name, string? from, string? to, RecordsService records, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name)) return Problem(400, "missing parameter 'name'");
        if ((from is null) != (to is null)) return Problem(400, "send both 'from' and 'to' (yyyy-MM-dd), or neither");
        DateOnly? fromDate = null, toDate = null;
        if (from is not null && to is not null)
        {
            if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var f) ||
                !DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
            {
                return Problem(400, "'from' and 'to' must be dates as yyyy-MM-dd");
            }
            if (t < f) return Problem(400, "'to' is before 'from'");
            if (t.DayNumber - f.DayNumber > RecordsService.MaxRangeDays) return Problem(400, "the range is longer than a year; ask for less");
            (fromDate, toDate) = (f, t);
        }
        var attendance = await records.OfPersonAsync(name, fromDate, toDate, cancellationToken);
        if (attendance is null) return Problem(404, $"no one named '{name.Trim()}' is registered");
        var stays = attendance.Stays.Select(s => new AttendanceResponse(attendance.Name, CheckAnswers.Timestamp(s.CheckInLocal),
            s.CheckOutLocal is { } o ? CheckAnswers.Timestamp(o) : null)).ToArray();
        if (fromDate is not null) return Results.Ok(stays);
        if (stays.Length == 0) return Problem(404, $"no attendance is recorded for '{attendance.Name}' yet");
        return Results.Ok(stays[0]);
    }

    // The title is the framework's default for the status (ProblemDetailsDefaults); 413 has none, so it is named here.
    private static IResult Problem(int status, string detail) =>
        Results.Problem(statusCode: status, title: Title(status), detail: detail, extensions: new Dictionary<string, object?> { ["error"] = detail });

    private const int MaxConsentVersionLength = 50;

    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>503 with Retry-After: the queue ahead would not let this request through within its deadline.</summary>
    private static IResult Busy(HttpContext http, TimeSpan retryAfter)
    {
        var seconds = (int)Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Problem(503, CheckAnswers.Message(CheckResult.Busy(retryAfter)));
    }

    private static string? Title(int status) => status == StatusCodes.Status413PayloadTooLarge ? "Payload too large" : null;
}
