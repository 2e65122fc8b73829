namespace AttendanceBlazor.Data.Entities;

/// <summary>A day nobody is expected to work (a public holiday, a company day): a local date.</summary>
public sealed class DayOff
{
    public int Id { get; set; }

    public DateOnly Date { get; set; }

    public string? Name { get; set; }
}
