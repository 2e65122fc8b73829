using AttendanceBlazor.Application.WorkingTime;
using AttendanceBlazor.Data.Entities;
using Microsoft.Extensions.Localization;

namespace AttendanceBlazor.Web.Text;

/// <summary>Working time's words: the day flags, absence kinds and month states, in the reader's language.</summary>
public static class WorkingTimeText
{
    public static string Flag(IStringLocalizer L, string flag) => flag switch
    {
        DayFlags.Late => L["late"],
        DayFlags.Missing => L["missing"],
        DayFlags.BreakShort => L["break too short"],
        DayFlags.Over10h => L["over 10 h"],
        DayFlags.ShortRest => L["rest under 11 h"],
        DayFlags.Open => L["open"],
        DayFlags.AutoClosed => L["automatic check-out"],
        DayFlags.Corrected => L["corrected"],
        _ => flag,
    };

    public static string Absence(IStringLocalizer L, AbsenceKind kind) => kind switch
    {
        AbsenceKind.Vacation => L["vacation"],
        AbsenceKind.Sick => L["sick"],
        _ => L["other absence"],
    };

    public static string State(IStringLocalizer L, PeriodState state) => state switch
    {
        PeriodState.Confirmed => L["confirmed"],
        PeriodState.Approved => L["approved"],
        _ => L["open"],
    };
}
