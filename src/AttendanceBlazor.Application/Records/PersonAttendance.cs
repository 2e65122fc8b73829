using AttendanceBlazor.Data.Entities;

namespace AttendanceBlazor.Application.Records;

/// <summary>A person's stays as the REST API's GET /attendance answers them: local times in the configured zone.</summary>
public sealed record PersonAttendance(string Name, IReadOnlyList<(DateTime CheckInLocal, DateTime? CheckOutLocal)> Stays);
