using System.Globalization;
using System.Security.Claims;
using AttendanceBlazor.Application.Accounts;
using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Application.People;
using AttendanceBlazor.Application.Records;
using Microsoft.AspNetCore.Mvc;

namespace AttendanceBlazor.Web.Api;

/// <summary>
/// Downloads for signed-in people (cookie authentication, not device keys): the attendance CSV for HR, and the
/// JSON of everything held about one person, for HR and for the person themself.
/// </summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/attendance.csv", ExportCsvAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.HR))
            .ExcludeFromDescription();
        app.MapGet("/admin/people/{id:int}/export.json", ExportPersonAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.HR))
            .ExcludeFromDescription();
        app.MapGet("/admin/people/{id:int}/face.jpg", ThumbnailAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.HR))
            .ExcludeFromDescription();
        app.MapGet("/admin/review/{id:long}/face.jpg", PendingFaceAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.HR))
            .ExcludeFromDescription();
        app.MapGet("/me/export.json", ExportMeAsync)
            .RequireAuthorization()
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ExportCsvAsync(HttpContext http, RecordsService records, AccessAudit audit, TimeProvider time,
        [FromQuery] int? person, [FromQuery] string? q, [FromQuery] string? from, [FromQuery] string? to, [FromQuery] bool? open, [FromQuery] bool? review, [FromQuery] string? source, [FromQuery] bool? remote)
    {
        if (!TryDate(from, out var fromDate) || !TryDate(to, out var toDate))
        {
            return Results.Problem(statusCode: 400, detail: "'from' and 'to' must be dates as yyyy-MM-dd");
        }
        Data.Entities.AttendanceSource? madeBy = null;
        if (!string.IsNullOrEmpty(source))
        {
            if (!Enum.TryParse<Data.Entities.AttendanceSource>(source, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return Results.Problem(statusCode: 400, detail: $"'source' must be one of {string.Join(", ", Enum.GetNames<Data.Entities.AttendanceSource>())}");
            }
            madeBy = parsed;
        }
        var filter = new RecordFilter(person, q, fromDate, toDate, open ?? false, review ?? false) { Source = madeBy, RemoteOnly = remote ?? false };
        await audit.ExportedAsync(Actor.From(http.User), AuditEntities.Record, "-", AuditActions.ExportCsv,
            new { person, q, from, to, open, review, source, remote }, http.RequestAborted);
        var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"attendance-{stamp}.csv\"";
        await records.WriteCsvAsync(filter, http.Response.Body, http.RequestAborted);
        return Results.Empty;
    }

    private static async Task<IResult> ExportPersonAsync(int id, PersonExportService exports, AccessAudit audit, HttpContext http)
    {
        var export = await exports.ExportAsync(id, http.RequestAborted);
        if (export is null) return Results.Problem(statusCode: 404, detail: "this person does not exist or was erased");
        await audit.ExportedAsync(Actor.From(http.User), AuditEntities.Person, id, AuditActions.ExportPerson, null, http.RequestAborted);
        return Download(export, $"person-{id}.json");
    }

    private static async Task<IResult> ThumbnailAsync(int id, PeopleQueries people, AccessAudit audit, HttpContext http)
    {
        var jpeg = await people.ThumbnailAsync(id, http.RequestAborted);
        if (jpeg is null) return Results.NotFound();
        await audit.FaceViewedAsync(Actor.From(http.User), AuditEntities.Person, id, http.RequestAborted);
        // A face is personal data: the browser may keep it briefly for this user only, never a shared cache.
        http.Response.Headers.CacheControl = "private, max-age=60";
        return Results.Bytes(jpeg, "image/jpeg");
    }

    private static async Task<IResult> PendingFaceAsync(long id, Application.Review.ReviewService review, AccessAudit audit, HttpContext http)
    {
        var jpeg = await review.PendingThumbnailAsync(id, http.RequestAborted);
        if (jpeg is null) return Results.NotFound();
        await audit.FaceViewedAsync(Actor.From(http.User), AuditEntities.Review, id, http.RequestAborted);
        http.Response.Headers.CacheControl = "private, max-age=60";
        return Results.Bytes(jpeg, "image/jpeg");
    }

    private static async Task<IResult> ExportMeAsync(ClaimsPrincipal user, PeopleQueries people, PersonExportService exports, AccessAudit audit, HttpContext http)
    {
        var personId = await people.PersonIdOfUserAsync(user.FindFirstValue(ClaimTypes.NameIdentifier), http.RequestAborted);
        if (personId is null) return Results.Problem(statusCode: 404, detail: "your account is not linked to a person; ask HR to link it");
        var export = await exports.ExportAsync(personId.Value, http.RequestAborted);
        if (export is null) return Results.Problem(statusCode: 404, detail: "no data is held about you");
        await audit.ExportedAsync(Actor.From(http.User), AuditEntities.Person, personId.Value, AuditActions.ExportPerson, new { own = true }, http.RequestAborted);
        return Download(export, "my-data.json");
    }

    private static IResult Download(PersonExport export, string fileName) =>
        Results.File(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(export, PersonExport.JsonOptions), "application/json; charset=utf-8", fileName);

    private static bool TryDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return false;
        date = d;
        return true;
    }
}
