namespace AttendanceBlazor.Data.Entities;

public enum PeriodState
{
    Open = 0,

    /// <summary>The person confirmed their month on /me; a change sends it back to open.</summary>
    Confirmed = 1,

    /// <summary>HR approved it: locked, shown and exported from <see cref="MonthPeriod.Snapshot"/>.</summary>
    Approved = 2,
}

/// <summary>
/// A person's month (its first day, local) once someone confirmed or approved it; no row is an open month. An
/// approved month keeps the figures it was approved with, so later changes to schedules, days off or rules never
/// change what was paid.
/// </summary>
public sealed class MonthPeriod
{
    public int Id { get; set; }

    public int PersonId { get; set; }

    /// <summary>The month's first day.</summary>
    public DateOnly Month { get; set; }

    public PeriodState State { get; set; }

    public DateTime? ConfirmedUtc { get; set; }

    public DateTime? ApprovedUtc { get; set; }

    public string? ApprovedBy { get; set; }

    /// <summary>The timesheet as approved, JSON (the CLI's --json shape); null unless approved.</summary>
    public string? Snapshot { get; set; }

    /// <summary>A confirmed month went back to open because something changed: the person is told on /me until they confirm again.</summary>
    public DateTime? ChangedAfterConfirmUtc { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();
}
