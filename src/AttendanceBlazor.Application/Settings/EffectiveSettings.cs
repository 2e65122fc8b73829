using System.Globalization;
using AttendanceBlazor.Application.Time;

namespace AttendanceBlazor.Application.Settings;

/// <summary>The settings in force: the Settings row where it has a value, else the configured default.</summary>
public sealed record EffectiveSettings(
    double MatchThreshold,
    TimeSpan DuplicateWindow,
    TimeZoneInfo TimeZone,
    TimeSpan? AutoCheckoutTime,
    TimeSpan MaxOpenDuration,
    int? RetentionDays,
    double SureThreshold)
{
    /// <summary>Check-in from one's own browser tab.</summary>
    public Data.Entities.PersonalCheckInPolicy PersonalCheckIn { get; init; } = Data.Entities.PersonalCheckInPolicy.FaceOnly;

    /// <summary>Where personal check-ins are expected from; empty: every address, and none is remote.</summary>
    public IReadOnlyList<System.Net.IPNetwork> PersonalNetworks { get; init; } = [];

    public Data.Entities.OutsideNetworkPolicy OutsideNetworks { get; init; } = Data.Entities.OutsideNetworkPolicy.Refuse;

    public bool AskLocation { get; init; }

    public bool ApplyForgottenCheckOuts { get; init; }

    /// <summary>The default weekly schedule (a person's own overrides it).</summary>
    public WorkingTime.WeekSchedule Schedule { get; init; } = WorkingTime.WeekSchedule.Default;

    public WorkingTime.BreakRule BreakRule { get; init; }

    /// <summary>Employees may confirm their month on /me.</summary>
    public bool MonthConfirmation { get; init; }

    /// <summary>The month (its first day) the local date of <paramref name="utc"/> is in.</summary>
    public DateOnly MonthOf(DateTime utc)
    {
        var day = DateOnly.FromDateTime(ToLocal(utc));
        return new DateOnly(day.Year, day.Month, 1);
    }

    /// <summary>Whether <paramref name="address"/> lies outside the allowed networks (an unknown address does, when any are set).</summary>
    public bool IsOutside(System.Net.IPAddress? address)
    {
        if (PersonalNetworks.Count == 0) return false;
        if (address is null) return true;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return !PersonalNetworks.Any(n => n.Contains(address));
    }

    /// <summary>CIDR ranges, one per line (or separated by commas or spaces); null when one does not parse.</summary>
    public static IReadOnlyList<System.Net.IPNetwork>? ParseNetworks(string? text)
    {
        var networks = new List<System.Net.IPNetwork>();
        foreach (var part in (text ?? "").Split([',', ' ', '\n', '\r', '\t', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!System.Net.IPNetwork.TryParse(part, out var network)) return null;
            networks.Add(network);
        }
        return networks;
    }

    /// <summary>How the REST API, the CSV and the audit log write a local time.</summary>
    public const string TimestampFormat = "yyyy-MM-dd HH:mm:ss";

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone);

    public string Format(DateTime utc) => ToLocal(utc).ToString(TimestampFormat, CultureInfo.InvariantCulture);

    /// <summary>The local date at <paramref name="nowUtc"/>.</summary>
    public DateOnly Today(DateTime nowUtc) => DateOnly.FromDateTime(ToLocal(nowUtc));

    /// <summary>When a local day begins, in UTC (a day with a clock change is 23 or 25 hours long).</summary>
    public DateTime StartOfDayUtc(DateOnly day) => LocalTime.ToUtc(day.ToDateTime(TimeOnly.MinValue), TimeZone);

    /// <summary>The Monday of the week <paramref name="day"/> is in.</summary>
    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>How much of a stay from <paramref name="inUtc"/> to <paramref name="outUtc"/> falls between <paramref name="fromUtc"/> and <paramref name="toUtc"/>.</summary>
    public static TimeSpan Overlap(DateTime inUtc, DateTime outUtc, DateTime fromUtc, DateTime toUtc)
    {
        var start = inUtc > fromUtc ? inUtc : fromUtc;
        var end = outUtc < toUtc ? outUtc : toUtc;
        return end > start ? end - start : TimeSpan.Zero;
    }
}
