using System.Globalization;
using System.Text.Json;
using AttendanceBlazor.Cli;
using AttendanceBlazor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MiniExcelLibs;

namespace AttendanceBlazor.Cli.Tests;

/// <summary>
/// The working-time verbs on a real SQLite file and the system clock: October 2026 has ended for any run of these
/// tests, so it can be approved, locked and exported.
/// </summary>
public sealed class WorkingTimeVerbTests : IDisposable
{
    private readonly TestFolder _folder = new("cli-time-");
    private readonly IHost _host;

    public WorkingTimeVerbTests()
    {
        _host = CliHost.Build(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Attendance"] = _folder.ConnectionString,
            ["Attendance:TimeZone"] = "Europe/Berlin",
            ["Attendance:WorkingTime:BreakRule"] = "Germany",
        });
    }

    private Task<CliRun> Run(params string[] args) => Cli.RunAsync(_ => _host.Services, args);

    private async Task Ok(params string[] args)
    {
        var run = await Run(args);
        Assert.True(run.Code == 0, $"{string.Join(' ', args)}: {run.Code} {run.Err}");
    }

    private async Task OctoberAsync()
    {
        await Ok("person", "add", "Ann Lee", "--first-day", "2026-10-01");
        await Ok("person", "schedule", "Ann Lee", "--hours", "8,8,8,8,8,0,0", "--start", "08:00", "--grace", "00:05");
        await Ok("holiday", "add", "2026-10-07", "--name", "Company day");
        await Ok("absence", "add", "Ann Lee", "--from", "2026-10-08", "--to", "2026-10-09", "--kind", "vacation", "--note", "autumn");
        await Ok("record", "add", "Ann Lee", "--in", "2026-10-01 08:00", "--out", "2026-10-01 14:00", "--reason", "paper list");
        await Ok("record", "add", "Ann Lee", "--in", "2026-10-02 08:06", "--out", "2026-10-02 14:07", "--reason", "paper list");
        await Ok("person", "add", "Bob Stone");
        await Ok("person", "schedule", "Bob Stone", "--hours", "0,0,0,0,0,0,0");
    }

    [Fact]
    public async Task TimesheetJsonHasExactlyTheContractsFieldsWithTheDaysFigures()
    {
        await OctoberAsync();
        var run = await Run("timesheet", "Ann Lee", "--month", "2026-10", "--json");
        Assert.Equal(0, run.Code);
        using var doc = JsonDocument.Parse(run.Out);
        var root = doc.RootElement;
        Assert.Equal(["name", "month", "state", "days", "totals"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("Ann Lee", "2026-10", "open"), (root.GetProperty("name").GetString(), root.GetProperty("month").GetString(), root.GetProperty("state").GetString()));
        var days = root.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(31, days.Count);
        Assert.All(days, d => Assert.Equal(["date", "first_in", "last_out", "worked_minutes", "break_minutes", "deducted_minutes", "paid_minutes", "absence_minutes", "expected_minutes", "flags"],
            d.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(["worked_minutes", "paid_minutes", "absence_minutes", "expected_minutes", "balance_minutes"], root.GetProperty("totals").EnumerateObject().Select(p => p.Name));

        // The 2nd: 08:06 is one minute past the grace; 6:01 worked without a break pays 5:31.
        var second = days[1];
        Assert.Equal(("2026-10-02", "08:06", "14:07", 361, 30, 331, 480), (second.GetProperty("date").GetString(), second.GetProperty("first_in").GetString(),
            second.GetProperty("last_out").GetString(), second.GetProperty("worked_minutes").GetInt32(), second.GetProperty("deducted_minutes").GetInt32(),
            second.GetProperty("paid_minutes").GetInt32(), second.GetProperty("expected_minutes").GetInt32()));
        Assert.Equal(["late", "break_short"], second.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(JsonValueKind.Null, days[2].GetProperty("first_in").ValueKind);
        Assert.Equal(0, days[6].GetProperty("expected_minutes").GetInt32());
        Assert.Equal(480, days[7].GetProperty("absence_minutes").GetInt32());
        Assert.Equal(["missing"], days[4].GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        // 22 weekdays less the company day at 8 hours; paid 360 + 331; two vacation days.
        var totals = root.GetProperty("totals");
        Assert.Equal((721, 691, 960, 21 * 480, 691 + 960 - 21 * 480), (totals.GetProperty("worked_minutes").GetInt32(), totals.GetProperty("paid_minutes").GetInt32(),
            totals.GetProperty("absence_minutes").GetInt32(), totals.GetProperty("expected_minutes").GetInt32(), totals.GetProperty("balance_minutes").GetInt32()));
    }

    [Fact]
    public async Task ALockedMonthRefusesRecordAddWithExitCodeOneUntilReopened()
    {
        await OctoberAsync();
        await Ok("period", "approve", "2026-10");
        var refused = await Run("record", "add", "Ann Lee", "--in", "2026-10-05 08:00", "--out", "2026-10-05 16:00", "--reason", "paper list");
        Assert.Equal(1, refused.Code);
        Assert.Contains("locked", refused.Err);
        Assert.Equal(2, (await Run("period", "reopen", "2026-10", "--name", "Ann Lee")).Code);
        await Ok("period", "reopen", "2026-10", "--name", "Ann Lee", "--reason", "paper list came late");
        await Ok("record", "add", "Ann Lee", "--in", "2026-10-05 08:00", "--out", "2026-10-05 16:00", "--reason", "paper list");

        await using var db = await _host.Services.GetRequiredService<IDbContextFactory<AttendanceDbContext>>().CreateDbContextAsync();
        Assert.Equal(["approve-period", "approve-period", "refused-locked", "reopen-period"],
            await db.AuditEntries.Where(a => a.EntityType == "Period").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(2, (await Run("period", "approve", "2026-13")).Code);
    }

    [Fact]
    public async Task ThePayrollExportsCsvAndXlsxCarryTheTimesheetsNumbers()
    {
        await OctoberAsync();
        var csvPath = Path.Combine(_folder.Directory.FullName, "payroll.csv");
        var xlsxPath = Path.Combine(_folder.Directory.FullName, "payroll.xlsx");
        await Ok("export", "payroll", "--month", "2026-10", "--format", "csv", "--out", csvPath);
        await Ok("export", "payroll", "--month", "2026-10", "--format", "xlsx", "--out", xlsxPath);

        var expected = new List<string[]>();
        foreach (var name in new[] { "Ann Lee", "Bob Stone" })
        {
            using var doc = JsonDocument.Parse((await Run("timesheet", name, "--month", "2026-10", "--json")).Out);
            var t = doc.RootElement.GetProperty("totals");
            var days = doc.RootElement.GetProperty("days").EnumerateArray().ToList();
            string H(string field) => Math.Round(t.GetProperty(field).GetInt32() / 60m, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture);
            int Count(string flag) => days.Count(d => d.GetProperty("flags").EnumerateArray().Any(f => f.GetString() == flag));
            expected.Add([name, H("paid_minutes"), H("absence_minutes"), H("expected_minutes"), H("balance_minutes"),
                days.Count(d => d.GetProperty("first_in").ValueKind == JsonValueKind.String).ToString(CultureInfo.InvariantCulture),
                Count("late").ToString(CultureInfo.InvariantCulture), Count("missing").ToString(CultureInfo.InvariantCulture), "open"]);
        }

        var csv = File.ReadAllLines(csvPath);
        Assert.Equal("name,paid_hours,absence_hours,expected_hours,balance_hours,days_worked,late_days,missing_days,state", csv[0]);
        Assert.Equal(expected.Select(e => string.Join(',', e)), csv.Skip(1));
        Assert.Equal("Ann Lee,11.52,16.00,168.00,-140.48,2,1,17,open", csv[1]);

        var rows = MiniExcel.Query(xlsxPath, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(expected.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            Assert.Equal(expected[i][0], row["name"]);
            // Numbers in the sheet, not text.
            Assert.IsNotType<string>(row["paid_hours"]);
            Assert.Equal(expected[i][1..8], new[] { "paid_hours", "absence_hours", "expected_hours", "balance_hours", "days_worked", "late_days", "missing_days" }
                .Select((c, j) => j < 4 ? Convert.ToDecimal(row[c], CultureInfo.InvariantCulture).ToString("0.00", CultureInfo.InvariantCulture) : Convert.ToInt32(row[c], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)));
        }
        Assert.Equal(2, (await Run("export", "payroll", "--month", "2026-10", "--format", "pdf", "--out", csvPath)).Code);
    }

    [Fact]
    public async Task BadWorkingTimeInputIsAnsweredWithAUsageErrorAndChangesNothing()
    {
        await Ok("person", "add", "Ann Lee");
        Assert.Equal(1, (await Run("person", "schedule", "Ann Lee", "--hours", "8,8,8,8,8,0")).Code);
        Assert.Equal(1, (await Run("person", "schedule", "Ann Lee", "--hours", "8,8,8,8,6,5,0,0")).Code);
        Assert.Equal(2, (await Run("person", "schedule", "Ann Lee", "--hours", "8,8,8,8,8,0,0", "--start", "8.30")).Code);
        Assert.Equal(2, (await Run("absence", "add", "Ann Lee", "--from", "2026-10-08", "--kind", "holiday")).Code);
        Assert.Equal(1, (await Run("absence", "add", "Ann Lee", "--from", "2026-10-09", "--to", "2026-10-08", "--kind", "sick")).Code);
        Assert.Equal(2, (await Run("holiday", "add", "25.12.2026")).Code);
        await Ok("holiday", "add", "2026-12-25");
        Assert.Equal(1, (await Run("holiday", "add", "2026-12-25")).Code);
        Assert.Equal(1, (await Run("holiday", "remove", "2026-12-24")).Code);
        Assert.Equal(1, (await Run("timesheet", "Nobody", "--month", "2026-10")).Code);
        await using var db = await _host.Services.GetRequiredService<IDbContextFactory<AttendanceDbContext>>().CreateDbContextAsync();
        Assert.Null((await db.People.SingleAsync()).HoursPerWeekday);
        Assert.Empty(await db.Absences.ToListAsync());
        Assert.Single(await db.DaysOff.ToListAsync());
    }

    public void Dispose()
    {
        _host.Dispose();
        _folder.Dispose();
    }
}
