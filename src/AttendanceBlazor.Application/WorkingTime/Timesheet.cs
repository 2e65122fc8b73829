using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AttendanceBlazor.Application.WorkingTime;

/// <summary>The flags a day can carry, as the timesheet JSON and the export write them.</summary>
public static class DayFlags
{
    public const string Late = "late";
    public const string Missing = "missing";
    public const string BreakShort = "break_short";
    public const string Over10h = "over_10h";
    public const string ShortRest = "short_rest";
    public const string Open = "open";
    public const string AutoClosed = "auto_closed";
    public const string Corrected = "corrected";

    public static readonly IReadOnlyList<string> All = [Late, Missing, BreakShort, Over10h, ShortRest, Open, AutoClosed, Corrected];
}

/// <summary>One calendar day of a timesheet; times are local ("08:00"), null where there is none.</summary>
public sealed record TimesheetDay(
    [property: JsonPropertyName("date")] string Date,
    [property: JsonPropertyName("first_in")] string? FirstIn,
    [property: JsonPropertyName("last_out")] string? LastOut,
    [property: JsonPropertyName("worked_minutes")] int WorkedMinutes,
    [property: JsonPropertyName("break_minutes")] int BreakMinutes,
    [property: JsonPropertyName("deducted_minutes")] int DeductedMinutes,
    [property: JsonPropertyName("paid_minutes")] int PaidMinutes,
    [property: JsonPropertyName("absence_minutes")] int AbsenceMinutes,
    [property: JsonPropertyName("expected_minutes")] int ExpectedMinutes,
    [property: JsonPropertyName("flags")] IReadOnlyList<string> Flags)
{
    [JsonIgnore]
    public DateOnly Day => DateOnly.ParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The kind of absence HR marked, when any (not part of the JSON: the page shows it).</summary>
    [JsonIgnore]
    public Data.Entities.AbsenceKind? Absence { get; init; }

    /// <summary>The records behind the day (not part of the JSON).</summary>
    [JsonIgnore]
    public IReadOnlyList<long> RecordIds { get; init; } = [];

    [JsonIgnore]
    public bool HasRecords => FirstIn is not null;
}

public sealed record TimesheetTotals(
    [property: JsonPropertyName("worked_minutes")] int WorkedMinutes,
    [property: JsonPropertyName("paid_minutes")] int PaidMinutes,
    [property: JsonPropertyName("absence_minutes")] int AbsenceMinutes,
    [property: JsonPropertyName("expected_minutes")] int ExpectedMinutes,
    [property: JsonPropertyName("balance_minutes")] int BalanceMinutes);

/// <summary>
/// A person's month: one day per calendar day and the month's totals, in the shape `attendance timesheet --json`
/// prints, GET /timesheets answers and an approval stores.
/// </summary>
public sealed record Timesheet(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("month")] string Month,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("days")] IReadOnlyList<TimesheetDay> Days,
    [property: JsonPropertyName("totals")] TimesheetTotals Totals)
{
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static Timesheet FromJson(string json) => JsonSerializer.Deserialize<Timesheet>(json, Json) ?? throw new JsonException("empty timesheet");

    /// <summary>"2026-11" for the month starting <paramref name="month"/>.</summary>
    public static string MonthText(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>"2026-11" to the month's first day.</summary>
    public static bool TryParseMonth(string? text, out DateOnly month) =>
        DateOnly.TryParseExact(text?.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out month);

    public static string StateText(Data.Entities.PeriodState state) => state switch
    {
        Data.Entities.PeriodState.Confirmed => "confirmed",
        Data.Entities.PeriodState.Approved => "approved",
        _ => "open",
    };

    [JsonIgnore]
    public int DaysWorked => Days.Count(d => d.HasRecords);

    [JsonIgnore]
    public int LateDays => Days.Count(d => d.Flags.Contains(DayFlags.Late));

    [JsonIgnore]
    public int MissingDays => Days.Count(d => d.Flags.Contains(DayFlags.Missing));
}
