using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Application.Time;
using AttendanceBlazor.Application.WorkingTime;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Application.Email;

/// <summary>
/// Plans the day's reminders once <c>Email:Reminders:SendAt</c> has passed (local time): each one a row in the e-mail
/// outbox under a unique key, so a reminder planned by two nodes, or twice by one, is one message. Reminders go to
/// people linked to an account with an e-mail address, in the account's language; never to someone erased,
/// deactivated or opted out. HR's digest names those who could not be reminded for want of an account.
/// </summary>
public sealed class ReminderPlanner(IDbContextFactory<AttendanceDbContext> dbFactory, AttendanceSettings settings, TimesheetService timesheets,
    PeriodService periods, IOptions<EmailOptions> options, TimeProvider time, ILogger<ReminderPlanner> logger)
{
    public const string CultureClaim = Languages.ClaimType;

    public static class Kinds
    {
        public const string AutoClosed = "auto_closed";
        public const string Weekly = "weekly";
        public const string ConfirmMonth = "confirm_month";
        public const string HrDigest = "hr_digest";
    }

    private sealed record Recipient(int PersonId, string Name, string Email, string Language);

    /// <summary>Plans what is due now and not planned yet; returns how many messages it added.</summary>
    public async Task<int> PlanAsync(CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        if (!o.Configured) return 0;
        var s = await settings.GetAsync(cancellationToken);
        var nowUtc = time.GetUtcNow().UtcDateTime;
        var local = s.ToLocal(nowUtc);
        if (local.TimeOfDay < o.Reminders.SendAt) return 0;
        var today = DateOnly.FromDateTime(local);
        var sendAtUtc = LocalTime.ToUtc(local.Date + o.Reminders.SendAt, s.TimeZone);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var planned = new List<EmailMessage>();
        var recipients = await RecipientsAsync(db, cancellationToken);
        var notReminded = new List<string>();

        if (o.Reminders.AutoClosed)
        {
            // Closed before this morning's send time, within the last week (a first start does not mail a year's backlog).
            var closed = await db.AttendanceRecords.AsNoTracking()
                .Where(r => r.AutoClosed && r.CheckOutSource == AttendanceSource.AutoClose && r.CheckOutUtc < sendAtUtc && r.CheckOutUtc >= sendAtUtc.AddDays(-7))
                // Already answered (at a kiosk, on /me): nothing to ask.
                .Where(r => !db.ReviewItems.Any(i => i.Kind == ReviewKind.ForgottenCheckOut && i.RecordId == r.Id))
                .Select(r => new { r.Id, r.PersonId, r.CheckInUtc, r.CheckOutUtc, r.Person!.DisplayName, r.Person.ErasedUtc, r.Person.IsActive })
                .ToListAsync(cancellationToken);
            foreach (var r in closed.Where(r => r.ErasedUtc is null && r.IsActive))
            {
                if (recipients.TryGetValue(r.PersonId, out var to))
                {
                    var (subject, body) = EmailTexts.AutoClosed(to.Language, to.Name, s.Format(r.CheckInUtc), s.Format(r.CheckOutUtc!.Value), Link(o, "me"));
                    planned.Add(Message($"auto-closed:record:{r.Id}", Kinds.AutoClosed, r.PersonId, to.Email, subject, body, nowUtc));
                }
                else if (!await HasAccountOrOptedOutAsync(db, r.PersonId, cancellationToken) && r.CheckOutUtc >= sendAtUtc.AddDays(-1))
                {
                    notReminded.Add(r.DisplayName);
                }
            }
        }

        if (o.Reminders.Weekly && today.DayOfWeek == DayOfWeek.Monday)
        {
            var from = today.AddDays(-7);
            var weeklyKeys = recipients.Keys.Select(id => $"weekly:{today:yyyy-MM-dd}:person:{id}").ToList();
            var done = (await db.EmailMessages.Where(m => weeklyKeys.Contains(m.Key)).Select(m => m.Key).ToListAsync(cancellationToken)).ToHashSet();
            // Planned already (by this node or another): not computed again every round of the day.
            foreach (var to in recipients.Values.Where(r => !done.Contains($"weekly:{today:yyyy-MM-dd}:person:{r.PersonId}")))
            {
                var days = new List<(DateOnly, bool, bool)>();
                foreach (var month in new[] { new DateOnly(from.Year, from.Month, 1), new DateOnly(today.AddDays(-1).Year, today.AddDays(-1).Month, 1) }.Distinct())
                {
                    var view = await timesheets.OfPersonAsync(to.PersonId, month, cancellationToken);
                    if (view is null) continue;
                    foreach (var day in view.Sheet.Days)
                    {
                        var date = DateOnly.ParseExact(day.Date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                        if (date < from || date >= today) continue;
                        bool late = day.Flags.Contains(DayFlags.Late), missing = day.Flags.Contains(DayFlags.Missing);
                        if (late || missing) days.Add((date, late, missing));
                    }
                }
                if (days.Count == 0) continue;
                var (subject, body) = EmailTexts.Weekly(to.Language, to.Name, days, Link(o, "me"));
                planned.Add(Message($"weekly:{today:yyyy-MM-dd}:person:{to.PersonId}", Kinds.Weekly, to.PersonId, to.Email, subject, body, nowUtc));
            }
        }

        if (o.Reminders.ConfirmMonth && s.MonthConfirmation && today.Day <= 7)
        {
            var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
            var decided = await db.Periods.AsNoTracking().Where(p => p.Month == month && p.State != PeriodState.Open).Select(p => p.PersonId).ToListAsync(cancellationToken);
            foreach (var to in recipients.Values.Where(r => !decided.Contains(r.PersonId)))
            {
                var (subject, body) = EmailTexts.ConfirmMonth(to.Language, to.Name, month, Link(o, "me"));
                planned.Add(Message($"confirm:{month:yyyy-MM}:person:{to.PersonId}", Kinds.ConfirmMonth, to.PersonId, to.Email, subject, body, nowUtc));
            }
        }

        if (o.Reminders.HrDigest)
        {
            var since = sendAtUtc.AddDays(-1);
            var newItems = await db.ReviewItems.CountAsync(r => r.AtUtc >= since && r.AtUtc < sendAtUtc, cancellationToken);
            var waiting = (await periods.WaitingAsync(2, cancellationToken)).Where(w => w.Waiting > 0).Select(w => (w.Month, w.Waiting)).ToList();
            if (newItems > 0 || waiting.Count > 0 || notReminded.Count > 0)
            {
                var hr = await (from u in db.Users
                                join ur in db.UserRoles on u.Id equals ur.UserId
                                join role in db.Roles on ur.RoleId equals role.Id
                                where role.Name == Accounts.Roles.HR && u.Email != null
                                select new { u.Id, u.Email, u.LockoutEnd }).ToListAsync(cancellationToken);
                // A disabled account (locked out for good) gets nothing; compared here, as SQLite cannot compare offsets.
                hr = hr.Where(h => h.LockoutEnd is null || h.LockoutEnd < time.GetUtcNow()).DistinctBy(h => h.Id).ToList();
                var languages = await LanguagesAsync(db, hr.Select(h => h.Id).ToList(), cancellationToken);
                foreach (var user in hr)
                {
                    var language = EmailTexts.Language(languages.GetValueOrDefault(user.Id));
                    var (subject, body) = EmailTexts.HrDigest(language, newItems, waiting, notReminded.Distinct().Order().ToList(), Link(o, "admin/review"), Link(o, "admin/months"));
                    planned.Add(Message($"digest:{today:yyyy-MM-dd}:user:{user.Id}", Kinds.HrDigest, null, user.Email!, subject, body, nowUtc));
                }
            }
        }

        return await AddNewAsync(db, planned, cancellationToken);
    }

    /// <summary>Adds the messages not planned before; another node planning the same ones at the same moment wins, and this one adds nothing.</summary>
    private async Task<int> AddNewAsync(AttendanceDbContext db, List<EmailMessage> planned, CancellationToken ct)
    {
        if (planned.Count == 0) return 0;
        var keys = planned.Select(m => m.Key).ToList();
        var existing = (await db.EmailMessages.Where(m => keys.Contains(m.Key)).Select(m => m.Key).ToListAsync(ct)).ToHashSet();
        var fresh = planned.Where(m => !existing.Contains(m.Key)).ToList();
        if (fresh.Count == 0) return 0;
        db.EmailMessages.AddRange(fresh);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex)
        {
            // The unique key: another node planned them first. The next round plans whatever it did not.
            logger.LogInformation(ex, "Reminders were planned by another node at the same time");
            return 0;
        }
        return fresh.Count;
    }

    private static EmailMessage Message(string key, string kind, int? personId, string to, string subject, string body, DateTime now) => new()
    {
        Key = key, Kind = kind, PersonId = personId, To = to, Subject = subject, Body = body, CreatedUtc = now, NextAttemptUtc = now,
        State = EmailMessageState.Pending,
    };

    private static string Link(EmailOptions o, string path) => o.BaseUrl is { Length: > 0 } b ? $"{b.TrimEnd('/')}/{path}" : "/" + path;

    /// <summary>People who can be reminded: linked to an account with an address, not erased, active, not opted out.</summary>
    private static async Task<Dictionary<int, Recipient>> RecipientsAsync(AttendanceDbContext db, CancellationToken ct)
    {
        var rows = await (from p in db.People
                          join u in db.Users on p.UserId equals u.Id
                          where p.ErasedUtc == null && p.IsActive && !p.EmailRemindersOff && u.Email != null
                          select new { p.Id, p.DisplayName, u.Email, UserId = u.Id, u.LockoutEnd }).ToListAsync(ct);
        // A disabled account (locked out for good) is not written to; compared here, as SQLite cannot compare offsets.
        rows = rows.Where(r => r.LockoutEnd is null || r.LockoutEnd.Value.Year < Accounts.AccountService.DisabledUntil.Year).ToList();
        var languages = await LanguagesAsync(db, rows.Select(r => r.UserId).ToList(), ct);
        return rows.ToDictionary(r => r.Id, r => new Recipient(r.Id, r.DisplayName, r.Email!, EmailTexts.Language(languages.GetValueOrDefault(r.UserId))));
    }

    private static async Task<Dictionary<string, string?>> LanguagesAsync(AttendanceDbContext db, List<string> userIds, CancellationToken ct) =>
        (await db.UserClaims.Where(c => c.ClaimType == CultureClaim && userIds.Contains(c.UserId)).Select(c => new { c.UserId, c.ClaimValue }).ToListAsync(ct))
            .GroupBy(c => c.UserId).ToDictionary(g => g.Key, g => g.First().ClaimValue);

    private static Task<bool> HasAccountOrOptedOutAsync(AttendanceDbContext db, int personId, CancellationToken ct) =>
        db.People.AnyAsync(p => p.Id == personId && (p.EmailRemindersOff || p.UserId != null), ct);
}
