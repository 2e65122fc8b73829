namespace AttendanceBlazor.Application.People;

/// <summary>Why a name was refused: the kind, and for a long name its length and the limit; for a character, which one.</summary>
public sealed record NameProblem(NameProblemKind Kind, int Length = 0, int MaxLength = 0, string? Character = null);
