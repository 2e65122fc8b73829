using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Resources;

namespace AttendanceBlazor.Web.Localization;

/// <summary>
/// Form validation in the reader's language. Data annotations format their messages without a localizer, so these
/// attributes look their message and the field's display name up in the same resource (SharedResource) themselves.
/// </summary>
public static class ValidationText
{
    private static readonly ResourceManager Resources = new("AttendanceBlazor.Web.Resources.SharedResource", typeof(SharedResource).Assembly);

    public static string T(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;
}

public sealed class RequiredTextAttribute : RequiredAttribute
{
    public RequiredTextAttribute() => ErrorMessage = "The {0} field is required.";

    public override string FormatErrorMessage(string name) =>
        string.Format(CultureInfo.CurrentCulture, ValidationText.T(ErrorMessageString), ValidationText.T(name));
}

public sealed class StringLengthTextAttribute(int maximumLength) : StringLengthAttribute(maximumLength)
{
    public override string FormatErrorMessage(string name) =>
        string.Format(CultureInfo.CurrentCulture, ValidationText.T(ErrorMessageString), ValidationText.T(name), MaximumLength, MinimumLength);
}

public sealed class CompareTextAttribute(string otherProperty) : CompareAttribute(otherProperty)
{
    public override string FormatErrorMessage(string name) =>
        string.Format(CultureInfo.CurrentCulture, ValidationText.T(ErrorMessageString), ValidationText.T(name), ValidationText.T(OtherPropertyDisplayName ?? OtherProperty));
}

public sealed class EmailTextAttribute : ValidationAttribute
{
    private static readonly EmailAddressAttribute Email = new();

    public EmailTextAttribute() : base("The {0} field is not a valid e-mail address.") { }

    public override bool IsValid(object? value) => Email.IsValid(value);

    public override string FormatErrorMessage(string name) =>
        string.Format(CultureInfo.CurrentCulture, ValidationText.T(ErrorMessageString), ValidationText.T(name));
}
