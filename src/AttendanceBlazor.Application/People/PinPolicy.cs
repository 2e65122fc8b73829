using System.Globalization;

namespace AttendanceBlazor.Application.People;

/// <summary>What a PIN may be: 4 to 8 digits, none of the PINs people pick first.</summary>
public static class PinPolicy
{
    public const int MinLength = 4;
    public const int MaxLength = 8;

    /// <summary>
    /// The PINs tried first in any guessing (published frequency lists put these at the top), beyond the patterns
    /// refused below.
    /// </summary>
    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "1004", "2580", "0852", "6969", "1122", "5683", "1313", "112233", "159753", "147258", "258369", "789456",
        "102030", "123321", "147852", "741852", "963852", "142536", "11223344",
    };

    /// <summary>Null when the PIN may be used, else why not.</summary>
    public static Outcome? Problem(string? pin)
    {
        if (pin is null || pin.Length is < MinLength or > MaxLength || !pin.All(char.IsAsciiDigit)) return Outcome.BadPin;
        return IsEasy(pin) ? Outcome.PinTooEasy : null;
    }

    private static bool IsEasy(string pin)
    {
        if (pin.Distinct().Count() == 1 || "01234567890".Contains(pin, StringComparison.Ordinal) || "09876543210".Contains(pin, StringComparison.Ordinal)) return true;
        if (Common.Contains(pin)) return true;
        // Repeated blocks: 1212, 123123, 4545 4545.
        for (var block = 1; block <= pin.Length / 2; block++)
        {
            if (pin.Length % block == 0 && string.Concat(Enumerable.Repeat(pin[..block], pin.Length / block)) == pin) return true;
        }
        // A year (1900 to 2099) as four digits: birth years are the first guess for a known person.
        if (pin.Length == 4 && int.Parse(pin, CultureInfo.InvariantCulture) is >= 1900 and <= 2099) return true;
        // A date as ddmmyy or mmddyy is a birthday.
        if (pin.Length == 6 && (IsDate(pin[..2], pin[2..4]) || IsDate(pin[2..4], pin[..2]))) return true;
        return false;
    }

    private static bool IsDate(string day, string month) =>
        int.Parse(day, CultureInfo.InvariantCulture) is >= 1 and <= 31 && int.Parse(month, CultureInfo.InvariantCulture) is >= 1 and <= 12;
}
