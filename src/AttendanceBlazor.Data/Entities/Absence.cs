namespace AttendanceBlazor.Data.Entities;

public enum AbsenceKind
{
    Vacation = 0,
    Sick = 1,
    Other = 2,
}

/// <summary>Days HR marked a person absent, from and to inclusive (local dates); they count as paid absence, never as missing.</summary>
public sealed class Absence
{
    public int Id { get; set; }

    public int PersonId { get; set; }

    public DateOnly From { get; set; }

    public DateOnly To { get; set; }

    public AbsenceKind Kind { get; set; }

    /// <summary>HR's note (personal data: erased with the person).</summary>
    public string? Note { get; set; }

    public DateTime CreatedUtc { get; set; }
}
