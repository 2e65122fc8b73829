using AttendanceBlazor.Data.Entities;

namespace AttendanceBlazor.Application.Records;

/// <summary>Which records to list: one person or a name search, local dates (inclusive), only open ones, only those to review.</summary>
public sealed record RecordFilter(int? PersonId = null, string? NameSearch = null, DateOnly? From = null, DateOnly? To = null, bool OpenOnly = false, bool ReviewOnly = false);
