using System.Globalization;
using AttendanceBlazor.Application.CheckIn;
using AttendanceBlazor.Web.Components.Kiosk;
using Microsoft.Extensions.Localization;

namespace AttendanceBlazor.Web.Components.Personal;

/// <summary>What the personal check-in says, to the person at their own device; what it shares with the kiosk comes from there.</summary>
public static class PersonalText
{
    public static string Describe(IStringLocalizer L, CheckResult r) => r.Outcome switch
    {
        CheckOutcome.CheckedIn => L["Checked in at {0}.", Time(r.LocalTime)],
        CheckOutcome.CheckedOut => L["Checked out at {0}.", Time(r.LocalTime)],
        CheckOutcome.Duplicate => r.IsIn
            ? L["You are already checked in (since {0}); nothing changed.", Time(r.LastEventLocalTime)]
            : L["You are already checked out (at {0}); nothing changed.", Time(r.LastEventLocalTime)],
        CheckOutcome.NotYourFace => L["This is not the face registered for you, so nothing was recorded. If it is you, check in at a kiosk or ask HR."],
        CheckOutcome.NoFaceRegistered => L["No face is registered for you yet. Register at a kiosk, or ask HR."],
        CheckOutcome.NotLinked => L["Your account is not linked to a person yet. An administrator links it on the Users page."],
        CheckOutcome.PersonalCheckInOff => L["Checking in from your own device is turned off. Please use a kiosk."],
        CheckOutcome.OutsideAllowedNetworks => L["Checking in is not allowed from this network, so nothing was recorded. Use a kiosk, or connect to the company network."],
        CheckOutcome.Inactive => L["Your attendance is not active. Please ask HR."],
        _ => KioskText.Headline(L, r),
    };

    private static string Time(DateTime? local) => local?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? "";
}
