namespace AttendanceBlazor.Application.Dashboard;

/// <summary>What the dashboard shows, computed in the configured time zone.</summary>
public sealed record DashboardData(
    DateTime NowUtc,
    IReadOnlyList<DashboardData.Present> PresentNow,
    int CheckInsToday,
    int ToReview,
    int[] CheckInsPerHourToday,
    IReadOnlyList<(DateOnly Day, int People)> PeoplePerDay,
    IReadOnlyList<(string Name, double Hours)> HoursThisWeek)
{
    public sealed record Present(int PersonId, string Name, DateTime SinceUtc);
}
