using System.Globalization;

namespace AttendanceBlazor.Application.WorkingTime;

/// <summary>
/// What a person is expected to work: minutes for each weekday (Monday first), when their day starts (null: they are
/// never late) and the grace after it.
/// </summary>
public sealed record WeekSchedule(IReadOnlyList<int> MinutesPerWeekday, TimeSpan? Start, TimeSpan Grace)
{
    public static readonly WeekSchedule Default = new([480, 480, 480, 480, 480, 0, 0], null, TimeSpan.FromMinutes(5));

    /// <summary>The minutes expected on <paramref name="day"/>'s weekday.</summary>
    public int MinutesOn(DateOnly day) => MinutesPerWeekday[((int)day.DayOfWeek + 6) % 7];

    /// <summary>"8,8,8,8,6,0,0" (hours, a dot for decimals) to minutes per weekday; false unless seven numbers from 0 to 24.</summary>
    public static bool TryParseHours(string? text, out int[] minutes)
    {
        minutes = [];
        var parts = (text ?? "").Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 7) return false;
        var result = new int[7];
        for (var i = 0; i < 7; i++)
        {
            if (!decimal.TryParse(parts[i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var hours) || hours < 0 || hours > 24) return false;
            result[i] = (int)Math.Round(hours * 60, MidpointRounding.AwayFromZero);
        }
        minutes = result;
        return true;
    }

    /// <summary>The hours as they are typed: "8,8,8,8,6.5,0,0".</summary>
    public static string FormatHours(IEnumerable<int> minutes) =>
        string.Join(',', minutes.Select(m => (m / 60m).ToString("0.##", CultureInfo.InvariantCulture)));

    public string HoursText => FormatHours(MinutesPerWeekday);

    /// <summary>A person's own schedule over the defaults: each part they set replaces the default's.</summary>
    public WeekSchedule Over(string? hours, TimeSpan? start, TimeSpan? grace) => new(
        hours is not null && TryParseHours(hours, out var own) ? own : MinutesPerWeekday,
        start ?? Start,
        grace ?? Grace);
}
