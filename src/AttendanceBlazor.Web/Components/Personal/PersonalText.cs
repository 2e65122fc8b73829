using System.Globalization;
using AttendanceBlazor.Application.CheckIn;
using AttendanceBlazor.Web.Components.Kiosk;

namespace AttendanceBlazor.Web.Components.Personal;

/// <summary>What the personal check-in says, to the person at their own device; what it shares with the kiosk comes from there.</summary>
public static class PersonalText
{
    public static string Describe(CheckResult r) => r.Outcome switch
    {
        CheckOutcome.CheckedIn => $"Checked in at {Time(r.LocalTime)}.",
        CheckOutcome.CheckedOut => $"Checked out at {Time(r.LocalTime)}.",
        CheckOutcome.Duplicate => r.IsIn ? $"You are already checked in (since {Time(r.LastEventLocalTime)}); nothing changed." : $"You are already checked out (at {Time(r.LastEventLocalTime)}); nothing changed.",
        CheckOutcome.NotYourFace => "This is not the face registered for you, so nothing was recorded. If it is you, check in at a kiosk or ask HR.",
        CheckOutcome.NoFaceRegistered => "No face is registered for you yet. Register at a kiosk, or ask HR.",
        CheckOutcome.NotLinked => "Your account is not linked to a person. Ask HR to link it.",
        CheckOutcome.PersonalCheckInOff => "Checking in from your own device is turned off. Please use a kiosk.",
        CheckOutcome.OutsideAllowedNetworks => "Checking in is not allowed from this network, so nothing was recorded. Use a kiosk, or connect to the company network.",
        CheckOutcome.Inactive => "Your attendance is not active. Please ask HR.",
        _ => KioskText.Headline(r),
    };

    private static string Time(DateTime? local) => local?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? "";
}
