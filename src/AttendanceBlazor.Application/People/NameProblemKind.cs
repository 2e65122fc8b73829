using AttendanceBlazor.Data.Entities;

namespace AttendanceBlazor.Application.People;

/// <summary>Why a typed name cannot be a person's name.</summary>
public enum NameProblemKind
{
    Empty,
    TooLong,
    ForbiddenCharacters,
}
