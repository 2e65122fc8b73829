using AttendanceBlazor.Data;
using AttendanceBlazor.Recognition;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Application.Settings;

/// <summary>Reads the settings in force: the Settings row's overrides over the configured defaults.</summary>
public sealed class AttendanceSettings(
    IDbContextFactory<AttendanceDbContext> dbFactory,
    IOptions<AttendanceOptions> attendance,
    IOptions<RecognitionOptions> recognition)
{
    public async Task<EffectiveSettings> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Settings.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var o = attendance.Value;
        var zoneId = row?.TimeZone ?? o.TimeZone;
        var zone = string.IsNullOrWhiteSpace(zoneId) ? TimeZoneInfo.Local : TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var match = row?.MatchThreshold ?? recognition.Value.MatchThreshold;
        return new EffectiveSettings(
            match,
            row?.DuplicateWindow ?? o.DuplicateWindow,
            zone,
            row?.AutoCheckoutTime ?? o.AutoCheckoutTime,
            row?.MaxOpenDuration ?? o.MaxOpenDuration,
            row?.RetentionDays ?? o.RetentionDays,
            // A lower match threshold set on the Settings page narrows the doubtful band, never inverts it.
            Math.Min(row?.SureThreshold ?? recognition.Value.SureThreshold, match))
        {
            PersonalCheckIn = row?.PersonalCheckIn ?? o.PersonalCheckIn,
            // Saved only after validation, so a stored list always parses.
            PersonalNetworks = EffectiveSettings.ParseNetworks(row?.PersonalNetworks ?? o.PersonalNetworks) ?? [],
            OutsideNetworks = row?.OutsideNetworks ?? o.OutsideNetworks,
            AskLocation = row?.AskLocation ?? o.AskLocation,
            ApplyForgottenCheckOuts = row?.ApplyForgottenCheckOuts ?? o.ApplyForgottenCheckOuts,
            Schedule = WorkingTime.WeekSchedule.Default.Over(o.WorkingTime.HoursPerWeekday, o.WorkingTime.StartTime, o.WorkingTime.LateGrace)
                .Over(row?.HoursPerWeekday, row?.StartTime, row?.LateGrace),
            BreakRule = Enum.TryParse<WorkingTime.BreakRule>(row?.BreakRule, out var rule) ? rule : o.WorkingTime.BreakRule,
            MonthConfirmation = row?.MonthConfirmation ?? o.WorkingTime.MonthConfirmation,
        };
    }
}
