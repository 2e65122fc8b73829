using AttendanceBlazor.Data;
using AttendanceBlazor.Web.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Web.Attendance;

/// <summary>The settings in force: the Settings row where it has a value, else the configured default.</summary>
public sealed record EffectiveSettings(
    double MatchThreshold,
    TimeSpan DuplicateWindow,
    TimeZoneInfo TimeZone,
    TimeSpan? AutoCheckoutTime,
    TimeSpan MaxOpenDuration,
    int? RetentionDays)
{
    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone);

    public string Format(DateTime utc) => ToLocal(utc).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The local date at <paramref name="nowUtc"/>.</summary>
    public DateOnly Today(DateTime nowUtc) => DateOnly.FromDateTime(ToLocal(nowUtc));

    /// <summary>When a local day begins, in UTC (a day with a clock change is 23 or 25 hours long).</summary>
    public DateTime StartOfDayUtc(DateOnly day) => AutoCheckoutService.LocalToUtc(day.ToDateTime(TimeOnly.MinValue), TimeZone);

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

public sealed class AttendanceSettings(
    IDbContextFactory<AttendanceDbContext> dbFactory,
    IOptions<AttendanceOptions> attendance,
    IOptions<Recognition.RecognitionOptions> recognition)
{
    public async Task<EffectiveSettings> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Settings.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        var o = attendance.Value;
        var zoneId = row?.TimeZone ?? o.TimeZone;
        var zone = string.IsNullOrWhiteSpace(zoneId) ? TimeZoneInfo.Local : TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        return new EffectiveSettings(
            row?.MatchThreshold ?? recognition.Value.MatchThreshold,
            row?.DuplicateWindow ?? o.DuplicateWindow,
            zone,
            row?.AutoCheckoutTime ?? o.AutoCheckoutTime,
            row?.MaxOpenDuration ?? o.MaxOpenDuration,
            row?.RetentionDays ?? o.RetentionDays);
    }
}

/// <summary>What the Settings page edits: the overridable settings, as a person enters them.</summary>
public sealed class SettingsForm
{
    public double MatchThreshold { get; set; }
    public int DuplicateWindowSeconds { get; set; }
    public string TimeZoneId { get; set; } = "";
    public TimeSpan? AutoCheckoutTime { get; set; }
    public double MaxOpenHours { get; set; }
    public int? RetentionDays { get; set; }
    public Guid Version { get; set; }

    /// <summary>Reasons the form cannot be saved, in words for the person at the screen.</summary>
    public IEnumerable<string> Problems()
    {
        if (MatchThreshold is < 0.2 or > 1.2) yield return "The match threshold must be between 0.20 and 1.20 (0.60 is the calibrated default).";
        if (DuplicateWindowSeconds is < 0 or > 43_200) yield return "The duplicate window must be between 0 and 43200 seconds.";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZoneId, out _)) yield return $"'{TimeZoneId}' is not a known time zone.";
        if (AutoCheckoutTime is { } t && (t < TimeSpan.Zero || t >= TimeSpan.FromDays(1))) yield return "The automatic check-out time must be a time of day.";
        if (MaxOpenHours is < 1 or > 72) yield return "The maximum open duration must be between 1 and 72 hours.";
        if (RetentionDays is < 1 or > 36_500) yield return "Retention must be empty (keep everything) or between 1 and 36500 days.";
    }
}

/// <summary>Reads and saves the Settings row; every save is audited and refused if someone else saved in between.</summary>
public sealed class SettingsService(IDbContextFactory<AttendanceDbContext> dbFactory, AttendanceSettings effective, TimeProvider time)
{
    public async Task<SettingsForm> LoadAsync(CancellationToken cancellationToken = default)
    {
        var current = await effective.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Settings.AsNoTracking().SingleAsync(cancellationToken);
        return new SettingsForm
        {
            MatchThreshold = current.MatchThreshold,
            DuplicateWindowSeconds = (int)current.DuplicateWindow.TotalSeconds,
            TimeZoneId = current.TimeZone.Id,
            AutoCheckoutTime = current.AutoCheckoutTime,
            MaxOpenHours = current.MaxOpenDuration.TotalHours,
            RetentionDays = current.RetentionDays,
            Version = row.Version,
        };
    }

    /// <summary>Saves; returns null, or why not.</summary>
    public async Task<string?> SaveAsync(SettingsForm form, Actor actor, CancellationToken cancellationToken = default)
    {
        var problems = form.Problems().ToList();
        if (problems.Count > 0) return string.Join(" ", problems);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Settings.SingleAsync(cancellationToken);
        if (row.Version != form.Version) return "Someone else changed the settings while you were editing. Reload the page to see their values.";
        // Serialized before the change: the row itself is the "before".
        var before = System.Text.Json.JsonSerializer.SerializeToElement(row);
        row.MatchThreshold = form.MatchThreshold;
        row.DuplicateWindow = TimeSpan.FromSeconds(form.DuplicateWindowSeconds);
        row.TimeZone = form.TimeZoneId;
        row.AutoCheckoutTime = form.AutoCheckoutTime;
        row.MaxOpenDuration = TimeSpan.FromHours(form.MaxOpenHours);
        row.RetentionDays = form.RetentionDays;
        db.AddAudit(time, actor, "Settings", 1, "settings-change", before,
            new { form.MatchThreshold, form.DuplicateWindowSeconds, form.TimeZoneId, form.AutoCheckoutTime, form.MaxOpenHours, form.RetentionDays });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return "Someone else changed the settings while you were editing. Reload the page to see their values.";
        }
        return null;
    }
}
