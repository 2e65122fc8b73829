namespace AttendanceBlazor.Web;

/// <summary>
/// The one resource every string a person reads comes from (Resources/SharedResource.resx and its German twin). The
/// key is the English text itself, so a page reads as it renders and a missing German entry falls back to English;
/// LocalizationTests fail when a key used in the code is missing from either file.
/// </summary>
public sealed class SharedResource;
