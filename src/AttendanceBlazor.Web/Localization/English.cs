using System.Globalization;
using Microsoft.Extensions.Localization;

namespace AttendanceBlazor.Web.Localization;

/// <summary>
/// The keys themselves, formatted invariantly: for the REST API's messages, which stay English whatever the caller's
/// Accept-Language (its clients parse them, and the spec fixes them).
/// </summary>
public sealed class English : IStringLocalizer
{
    public static readonly English Instance = new();

    public LocalizedString this[string name] => new(name, name);

    public LocalizedString this[string name, params object[] arguments] => new(name, string.Format(CultureInfo.InvariantCulture, name, arguments));

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
}
