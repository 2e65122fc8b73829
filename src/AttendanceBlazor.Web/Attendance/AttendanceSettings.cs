using AttendanceBlazor.Data;
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
