using System.Globalization;
using AttendanceBlazor.Application.Accounts;
using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Application.WorkingTime;
using AttendanceBlazor.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace AttendanceBlazor.Web.Api;

/// <summary>
/// Timesheets for other systems: GET /timesheets for a device key with the read-timesheets scope (the JSON the CLI
/// prints, one object per person), and the payroll export for HR (CSV or XLSX), each read written to the audit log.
/// </summary>
public static class TimesheetEndpoints
{
    public static IEndpointRouteBuilder MapTimesheets(this IEndpointRouteBuilder app)
    {
        app.MapGet("/timesheets", GetTimesheetsAsync)
            .RequireAuthorization(Policies.ApiReadTimesheets)
            .RequireRateLimiting(ApiRateLimits.ApiPolicy)
            .WithName("GetTimesheets")
            .WithSummary("Every person's timesheet of a month")
            .WithDescription("`month` (yyyy-MM, required). One object per person: name, month, state (open, confirmed or approved), one entry per calendar day with local times and minutes, and the month's totals. An approved month is answered from the figures stored at its approval.")
            .Produces<Timesheet[]>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        app.MapGet("/admin/months/{month}/payroll.{format}", PayrollAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.HR))
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> GetTimesheetsAsync(HttpContext http, TimesheetService timesheets, AccessAudit audit, [FromQuery] string? month)
    {
        if (!Timesheet.TryParseMonth(month, out var m)) return Results.Problem(statusCode: 400, detail: "'month' is required, as yyyy-MM (for example 2026-11)");
        var sheets = (await timesheets.OfEveryoneAsync(m, http.RequestAborted)).Select(v => v.Sheet).ToList();
        await audit.ExportedAsync(Actor.From(http.User), AuditEntities.Period, Timesheet.MonthText(m), AuditActions.ExportPayroll,
            new { month = Timesheet.MonthText(m), format = "api", rows = sheets.Count }, http.RequestAborted);
        return Results.Json(sheets, Timesheet.Json);
    }

    private static async Task<IResult> PayrollAsync(HttpContext http, PayrollExport export, AccessAudit audit, string month, string format)
    {
        if (!Timesheet.TryParseMonth(month, out var m)) return Results.Problem(statusCode: 400, detail: "the month must be yyyy-MM");
        PayrollFormat? f = format.ToLowerInvariant() switch { "csv" => PayrollFormat.Csv, "xlsx" => PayrollFormat.Xlsx, _ => null };
        if (f is not { } chosen) return Results.Problem(statusCode: 400, detail: "the format must be csv or xlsx");
        // Built in memory first: a month of one row per person is small, and a failure answers 500 instead of half a file.
        using var buffer = new MemoryStream();
        var rows = await export.WriteAsync(m, chosen, buffer, http.RequestAborted);
        await audit.ExportedAsync(Actor.From(http.User), AuditEntities.Period, Timesheet.MonthText(m), AuditActions.ExportPayroll,
            new { month = Timesheet.MonthText(m), format = chosen.ToString().ToLowerInvariant(), rows }, http.RequestAborted);
        var name = string.Create(CultureInfo.InvariantCulture, $"payroll-{Timesheet.MonthText(m)}.{format.ToLowerInvariant()}");
        return Results.File(buffer.ToArray(), chosen == PayrollFormat.Csv ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
    }
}
