using AttendanceBlazor.Data.Entities;

namespace AttendanceBlazor.Application.People;

public sealed record NameProblem(NameProblemKind Kind, int Length = 0, int MaxLength = 0);
