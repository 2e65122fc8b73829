using System.Net;
using System.Text.Json;
using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Application.Records;
using AttendanceBlazor.Application.WorkingTime;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceBlazor.Web.Tests;

/// <summary>GET /timesheets for payroll's device key, and HR's payroll download, through the test server.</summary>
public sealed class WorkingTimeApiTests : IDisposable
{
    private static readonly Actor Hr = new(null, "hr@example.com");
    private readonly AppFactory _app = new();

    private async Task<int> FebruaryAsync()
    {
        var added = await _app.Services.GetRequiredService<WorkingTimeService>().AddPersonAsync("Ann Lee", new DateOnly(2026, 2, 2), Hr);
        var id = (int)added.Count;
        var records = _app.Services.GetRequiredService<RecordsService>();
        Assert.True((await records.AddAsync(id, new DateTime(2026, 2, 3, 8, 0, 0), new DateTime(2026, 2, 3, 17, 0, 0), "paper list", Hr)).Succeeded);
        Assert.True((await records.AddAsync(id, new DateTime(2026, 2, 4, 8, 10, 0), new DateTime(2026, 2, 4, 12, 0, 0), "paper list", Hr)).Succeeded);
        return id;
    }

    [Fact]
    public async Task TimesheetsAnswerEveryPersonsMonthInTheCliShapeToAKeyWithTheReadTimesheetsScope()
    {
        var id = await FebruaryAsync();
        var client = await _app.ApiClientAsync(DeviceScopes.ReadTimesheets);
        var response = await client.GetAsync("/timesheets?month=2026-02");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var sheet = Assert.Single(doc.RootElement.EnumerateArray());
        var expected = (await _app.Services.GetRequiredService<TimesheetService>().OfPersonAsync(id, new DateOnly(2026, 2, 1)))!.Sheet;
        Assert.Equal(expected.ToJson(), sheet.GetRawText());
        Assert.Equal(28, sheet.GetProperty("days").GetArrayLength());
        Assert.Equal(540 + 230, sheet.GetProperty("totals").GetProperty("worked_minutes").GetInt32());

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/timesheets")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/timesheets?month=2026-13")).StatusCode);
        var reader = await _app.ApiClientAsync(DeviceScopes.ReadAttendance);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/timesheets?month=2026-02")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateClient().GetAsync("/timesheets?month=2026-02")).StatusCode);
        await using var db = _app.Db();
        Assert.Single(await db.AuditEntries.Where(a => a.Action == AuditActions.ExportPayroll).ToListAsync());
    }

    [Fact]
    public async Task HrDownloadsThePayrollCsvTheExportWritesAndABadFormatIsRefused()
    {
        await FebruaryAsync();
        await _app.CreateUserAsync("hr@example.com", Roles.HR);
        var hr = await _app.SignedInClientAsync("hr@example.com");
        var csv = await hr.GetStringAsync("/admin/months/2026-02/payroll.csv");
        using var expected = new MemoryStream();
        await _app.Services.GetRequiredService<PayrollExport>().WriteAsync(new DateOnly(2026, 2, 1), PayrollFormat.Csv, expected);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(expected.ToArray()), csv);
        Assert.StartsWith("name,paid_hours,", csv);
        var xlsx = await hr.GetAsync("/admin/months/2026-02/payroll.xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, (await hr.GetAsync("/admin/months/2026-02/payroll.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await hr.GetAsync("/admin/months/feb/payroll.csv")).StatusCode);
    }

    public void Dispose() => _app.Dispose();
}
