using System.Globalization;
using System.Text;
using AttendanceBlazor.Application.Records;
using MiniExcelLibs;

namespace AttendanceBlazor.Application.WorkingTime;

public enum PayrollFormat
{
    Csv,
    Xlsx,
}

/// <summary>One person's line of the payroll export: hours with two decimals, counts of days, the month's state.</summary>
public sealed record PayrollRow(string Name, decimal PaidHours, decimal AbsenceHours, decimal ExpectedHours, decimal BalanceHours, int DaysWorked, int LateDays, int MissingDays, string State)
{
    public static readonly IReadOnlyList<string> Columns = ["name", "paid_hours", "absence_hours", "expected_hours", "balance_hours", "days_worked", "late_days", "missing_days", "state"];

    public static PayrollRow From(Timesheet sheet) => new(sheet.Name, Hours(sheet.Totals.PaidMinutes), Hours(sheet.Totals.AbsenceMinutes), Hours(sheet.Totals.ExpectedMinutes),
        Hours(sheet.Totals.BalanceMinutes), sheet.DaysWorked, sheet.LateDays, sheet.MissingDays, sheet.State);

    /// <summary>Minutes as hours, rounded half away from zero to two decimals (4340 -> 72.33, -5260 -> -87.67).</summary>
    public static decimal Hours(int minutes) => Math.Round(minutes / 60m, 2, MidpointRounding.AwayFromZero);
}

/// <summary>
/// The month for payroll: one row per person of the month's list, from the same timesheets the pages show (an
/// approved month from its stored copy). CSV (UTF-8, safe against formula injection, a dot for decimals whatever the
/// language) or XLSX with numbers as numbers.
/// </summary>
public sealed class PayrollExport(TimesheetService timesheets)
{
    public async Task<IReadOnlyList<PayrollRow>> RowsAsync(DateOnly month, CancellationToken cancellationToken = default) =>
        (await timesheets.OfEveryoneAsync(month, cancellationToken)).Select(v => PayrollRow.From(v.Sheet)).ToList();

    public async Task<int> WriteAsync(DateOnly month, PayrollFormat format, Stream output, CancellationToken cancellationToken = default)
    {
        var rows = await RowsAsync(month, cancellationToken);
        if (format == PayrollFormat.Xlsx)
        {
            var sheet = rows.Select(r => new Dictionary<string, object>
            {
                ["name"] = r.Name, ["paid_hours"] = r.PaidHours, ["absence_hours"] = r.AbsenceHours, ["expected_hours"] = r.ExpectedHours,
                ["balance_hours"] = r.BalanceHours, ["days_worked"] = r.DaysWorked, ["late_days"] = r.LateDays, ["missing_days"] = r.MissingDays, ["state"] = r.State,
            }).ToList();
            if (sheet.Count == 0) sheet.Add(PayrollRow.Columns.ToDictionary(c => c, _ => (object)""));
            await output.SaveAsAsync(sheet, sheetName: Timesheet.MonthText(month), cancellationToken: cancellationToken);
            return rows.Count;
        }
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        await writer.WriteLineAsync(string.Join(',', PayrollRow.Columns));
        foreach (var r in rows)
        {
            string N(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);
            string I(int i) => i.ToString(CultureInfo.InvariantCulture);
            await writer.WriteLineAsync(string.Join(',', new[] { r.Name, N(r.PaidHours), N(r.AbsenceHours), N(r.ExpectedHours), N(r.BalanceHours), I(r.DaysWorked), I(r.LateDays), I(r.MissingDays), r.State }
                .Select(CsvCell.Escape)));
        }
        return rows.Count;
    }
}
