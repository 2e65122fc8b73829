using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
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
    public async Task<string?> SaveAsync(SettingsForm form, People.Actor actor, CancellationToken cancellationToken = default)
    {
        var problems = form.Problems().ToList();
        if (problems.Count > 0) return string.Join(" ", problems);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Settings.SingleAsync(cancellationToken);
        if (row.Version != form.Version) return "Someone else changed the settings while you were editing. Reload the page to see their values.";
        var before = System.Text.Json.JsonSerializer.Serialize(row);
        row.MatchThreshold = form.MatchThreshold;
        row.DuplicateWindow = TimeSpan.FromSeconds(form.DuplicateWindowSeconds);
        row.TimeZone = form.TimeZoneId;
        row.AutoCheckoutTime = form.AutoCheckoutTime;
        row.MaxOpenDuration = TimeSpan.FromHours(form.MaxOpenHours);
        row.RetentionDays = form.RetentionDays;
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = time.GetUtcNow().UtcDateTime, UserId = actor.UserId, UserName = actor.UserName, EntityType = "Settings", EntityId = "1",
            Action = "settings-change", OldValues = before,
            NewValues = System.Text.Json.JsonSerializer.Serialize(new { form.MatchThreshold, form.DuplicateWindowSeconds, form.TimeZoneId, form.AutoCheckoutTime, form.MaxOpenHours, form.RetentionDays }),
        });
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
