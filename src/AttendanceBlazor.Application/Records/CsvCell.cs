using System.Globalization;

namespace AttendanceBlazor.Application.Records;

public static class CsvCell
{
    /// <summary>RFC 4180 quoting, and a leading apostrophe on anything a spreadsheet would run as a formula.</summary>
    public static string Escape(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0]) && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
