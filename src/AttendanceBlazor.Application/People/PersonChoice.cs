using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AttendanceBlazor.Application.People;

/// <summary>A person as a picker shows them.</summary>
public sealed record PersonChoice(int Id, string Name);
