using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AttendanceBlazor.Application.People;

/// <summary>A person as the People grid shows them.</summary>
public sealed record PersonRow(int Id, string Name, bool Active, DateTime RegisteredUtc, int Templates, bool HasThumbnail, int Records, bool IsIn, bool HasPin, string? Account, Guid Version);
