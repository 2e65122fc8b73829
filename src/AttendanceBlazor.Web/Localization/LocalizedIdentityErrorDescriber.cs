using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace AttendanceBlazor.Web;

/// <summary>
/// Identity's refusals (a password the rules refuse, a wrong current password, an e-mail already taken) in the
/// reader's language and in the words the forms use, instead of ASP.NET's English ("Passwords must have at least one
/// non alphanumeric character"). The codes stay Identity's, for code that tells refusals apart.
/// </summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<SharedResource> L) : IdentityErrorDescriber
{
    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };

    public override IdentityError DefaultError() => Error(nameof(DefaultError), L["Something went wrong; nothing was changed. Please try again."]);

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), L["Someone else changed this account at the same time. Reload the page and try again."]);

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), L["The current password is not correct."]);

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), L["The password needs at least {0} characters.", length]);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), L["The password needs at least {0} different characters.", uniqueChars]);

    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), L["The password needs a symbol such as - or !."]);

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), L["The password needs a digit."]);

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), L["The password needs a lower-case letter."]);

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), L["The password needs an upper-case letter."]);

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), L["{0} is not a valid e-mail address.", email ?? ""]);

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), L["An account with the e-mail {0} already exists.", email]);

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), L["{0} is not a valid e-mail address.", userName ?? ""]);

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), L["An account with the e-mail {0} already exists.", userName]);
}
