using System.Text.Json;
using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Data;
using Microsoft.EntityFrameworkCore;

namespace AttendanceBlazor.Application.Settings;

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
            SureThreshold = current.SureThreshold,
            DuplicateWindowSeconds = (int)current.DuplicateWindow.TotalSeconds,
            TimeZoneId = current.TimeZone.Id,
            AutoCheckoutTime = current.AutoCheckoutTime,
            MaxOpenHours = current.MaxOpenDuration.TotalHours,
            RetentionDays = current.RetentionDays,
            PersonalCheckIn = current.PersonalCheckIn,
            PersonalNetworks = string.Join('\n', current.PersonalNetworks),
            OutsideNetworks = current.OutsideNetworks,
            AskLocation = current.AskLocation,
            ApplyForgottenCheckOuts = current.ApplyForgottenCheckOuts,
            HoursPerWeekday = current.Schedule.HoursText,
            StartTime = current.Schedule.Start,
            LateGraceMinutes = (int)current.Schedule.Grace.TotalMinutes,
            BreakRule = current.BreakRule,
            MonthConfirmation = current.MonthConfirmation,
            Version = row.Version,
        };
    }

    public async Task<OperationResult> SaveAsync(SettingsForm form, Actor actor, CancellationToken cancellationToken = default)
    {
        var problems = form.Problems().ToList();
        if (problems.Count > 0) return OperationResult.Fail(Outcome.SettingsInvalid) with { SettingsProblems = problems };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Settings.SingleAsync(cancellationToken);
        if (row.Version != form.Version) return OperationResult.Fail(Outcome.EditConflict);
        // Serialized before the change: the row itself is the "before".
        var before = JsonSerializer.SerializeToElement(row);
        row.MatchThreshold = form.MatchThreshold;
        row.SureThreshold = form.SureThreshold;
        row.DuplicateWindow = TimeSpan.FromSeconds(form.DuplicateWindowSeconds);
        row.TimeZone = form.TimeZoneId;
        row.AutoCheckoutTime = form.AutoCheckoutTime;
        row.MaxOpenDuration = TimeSpan.FromHours(form.MaxOpenHours);
        row.RetentionDays = form.RetentionDays;
        row.PersonalCheckIn = form.PersonalCheckIn;
        // Stored as one range a line, as the form shows them again.
        row.PersonalNetworks = string.Join('\n', EffectiveSettings.ParseNetworks(form.PersonalNetworks)!);
        row.OutsideNetworks = form.OutsideNetworks;
        row.AskLocation = form.AskLocation;
        row.ApplyForgottenCheckOuts = form.ApplyForgottenCheckOuts;
        WorkingTime.WeekSchedule.TryParseHours(form.HoursPerWeekday, out var minutes);
        row.HoursPerWeekday = WorkingTime.WeekSchedule.FormatHours(minutes);
        row.StartTime = form.StartTime;
        row.LateGrace = TimeSpan.FromMinutes(form.LateGraceMinutes);
        row.BreakRule = form.BreakRule.ToString();
        row.MonthConfirmation = form.MonthConfirmation;
        db.AddAudit(time, actor, AuditEntities.Settings, 1, AuditActions.SettingsChange, before,
            new
            {
                form.MatchThreshold, form.SureThreshold, form.DuplicateWindowSeconds, form.TimeZoneId, form.AutoCheckoutTime, form.MaxOpenHours, form.RetentionDays,
                PersonalCheckIn = form.PersonalCheckIn.ToString(), PersonalNetworks = row.PersonalNetworks, OutsideNetworks = form.OutsideNetworks.ToString(), form.AskLocation,
                form.ApplyForgottenCheckOuts, HoursPerWeekday = row.HoursPerWeekday, StartTime = form.StartTime?.ToString(@"hh\:mm"), form.LateGraceMinutes,
                BreakRule = form.BreakRule.ToString(), form.MonthConfirmation,
            });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return OperationResult.Fail(Outcome.EditConflict);
        }
        return OperationResult.Ok(Outcome.SettingsSaved);
    }
}
