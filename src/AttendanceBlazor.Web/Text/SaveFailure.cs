using AttendanceBlazor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AttendanceBlazor.Web.Text;

/// <summary>
/// What an HR dialog says when the database refuses a change the service did not foresee (a race with another
/// writer, a busy or unreachable database), instead of letting the exception end the user's circuit.
/// </summary>
public static class SaveFailure
{
    public static bool IsExpected(Exception exception) =>
        exception is DbUpdateException || DatabaseErrors.IsUnavailable(exception);

    public static string Describe(IStringLocalizer L, Exception exception) => exception switch
    {
        DbUpdateConcurrencyException => L["Someone else changed this at the same moment. Nothing was saved: close the dialog, look again and retry."],
        _ when DatabaseErrors.IsUniqueViolation(exception) => L["The database refused the change because it clashes with another one made at the same moment. Nothing was saved: reload and retry."],
        _ when DatabaseErrors.IsUnavailable(exception) => L["The database is busy or unreachable. Nothing was saved: try again in a moment."],
        _ => L["The change could not be saved. Nothing was changed: try again, and tell your administrator if it keeps failing."],
    };
}
