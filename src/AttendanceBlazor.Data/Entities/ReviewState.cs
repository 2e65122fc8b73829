namespace AttendanceBlazor.Data.Entities;

public enum ReviewState
{
    Open = 0,
    Confirmed = 1,
    Relabelled = 2,
    Rejected = 3,
}
