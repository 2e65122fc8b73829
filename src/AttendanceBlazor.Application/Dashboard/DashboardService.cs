using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Data;
using Microsoft.EntityFrameworkCore;

namespace AttendanceBlazor.Application.Dashboard;

/// <summary>
/// Dashboard figures. Days and hours are local days and hours of the configured zone (a day with a clock change has
/// 23 or 25 hours, and is counted as it was lived). Stays are clipped to the period counted; an open stay counts up
/// to now.
/// </summary>
public sealed class DashboardService(IDbContextFactory<AttendanceDbContext> dbFactory, AttendanceSettings settings, TimeProvider time)
{
    public const int Days = 30;

    public async Task<DashboardData> GetAsync(CancellationToken cancellationToken = default)
    {
        var effective = await settings.GetAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var today = effective.Today(now);
        DateTime StartOf(DateOnly day) => effective.StartOfDayUtc(day);

        var firstDay = today.AddDays(-(Days - 1));
        var weekStart = EffectiveSettings.WeekStart(today);
        var rangeStart = StartOf(firstDay < weekStart ? firstDay : weekStart);
        var todayStart = StartOf(today);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stays = await db.AttendanceRecords.AsNoTracking()
            .Where(r => r.CheckOutUtc == null || r.CheckOutUtc > rangeStart)
            .Select(r => new { r.PersonId, Name = r.Person!.DisplayName, r.CheckInUtc, r.CheckOutUtc, r.AutoClosed })
            .ToListAsync(cancellationToken);
        // HR's review list: records closed automatically, and what the kiosks and devices put there.
        var toReview = await db.AttendanceRecords.CountAsync(r => r.AutoClosed, cancellationToken)
            + await db.ReviewItems.CountAsync(r => r.State == Data.Entities.ReviewState.Open, cancellationToken);

        var present = stays.Where(s => s.CheckOutUtc is null).OrderBy(s => s.CheckInUtc)
            .Select(s => new DashboardData.Present(s.PersonId, s.Name, s.CheckInUtc)).ToList();

        var perHour = new int[24];
        foreach (var s in stays.Where(s => s.CheckInUtc >= todayStart && s.CheckInUtc <= now)) perHour[effective.ToLocal(s.CheckInUtc).Hour]++;

        var perDay = new List<(DateOnly, int)>(Days);
        for (var day = firstDay; day <= today; day = day.AddDays(1))
        {
            var start = StartOf(day);
            var end = StartOf(day.AddDays(1));
            var people = stays.Where(s => s.CheckInUtc < end && (s.CheckOutUtc ?? now) > start).Select(s => s.PersonId).Distinct().Count();
            perDay.Add((day, people));
        }

        var weekStartUtc = StartOf(weekStart);
        var hours = stays
            .Select(s => new { s.Name, Hours = EffectiveSettings.Overlap(s.CheckInUtc, s.CheckOutUtc ?? now, weekStartUtc, now).TotalHours })
            .Where(s => s.Hours > 0)
            .GroupBy(s => s.Name)
            .Select(g => (g.Key, Math.Round(g.Sum(s => s.Hours), 2)))
            .OrderByDescending(g => g.Item2).ThenBy(g => g.Key, StringComparer.CurrentCultureIgnoreCase)
            .ToList();

        return new DashboardData(now, present, perHour.Sum(), toReview, perHour, perDay, hours);
    }
}
