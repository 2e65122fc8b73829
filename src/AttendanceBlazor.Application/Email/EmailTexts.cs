using System.Globalization;
using System.Text;

namespace AttendanceBlazor.Application.Email;

/// <summary>
/// The reminders' words in the product's two languages, chosen by the account's language (ADR 013). Plain text: a
/// reminder is read on a phone, and has nothing to lay out.
/// </summary>
public static class EmailTexts
{
    public static string Language(string? culture) => culture is not null && culture.StartsWith("de", StringComparison.OrdinalIgnoreCase) ? "de" : "en";

    private static bool German(string language) => language == "de";

    private static string Footer(string language, string me) => German(language)
        ? $"\n--\nSie erhalten diese Erinnerung von AttendanceBlazor. Abbestellen können Sie sie unter „Meine Anwesenheit“: {me}\n"
        : $"\n--\nThis reminder comes from AttendanceBlazor. You can turn reminders off on My attendance: {me}\n";

    public static (string Subject, string Body) AutoClosed(string language, string name, string checkIn, string checkOut, string me) => German(language)
        ? ("Wann sind Sie gegangen?",
            $"Hallo {name},\n\nIhr Ausstempeln wurde automatisch gesetzt: eingestempelt {checkIn}, automatisch ausgestempelt {checkOut}.\n" +
            $"Bitte geben Sie an, wann Sie wirklich gegangen sind: {me}\n" + Footer(language, me))
        : ("When did you leave?",
            $"Hello {name},\n\nYour check-out was closed automatically: checked in {checkIn}, closed automatically at {checkOut}.\n" +
            $"Please say when you really left: {me}\n" + Footer(language, me));

    public static (string Subject, string Body) Weekly(string language, string name, IReadOnlyList<(DateOnly Day, bool Late, bool Missing)> days, string me)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        var lines = new StringBuilder();
        foreach (var (day, late, missing) in days)
        {
            var what = (late, missing, German(language)) switch
            {
                (true, _, true) => "verspätet",
                (true, _, false) => "late",
                (_, true, true) => "keine Buchung",
                _ => "no record",
            };
            lines.Append("- ").Append(day.ToString("dddd, d MMM yyyy", culture)).Append(": ").Append(what).Append('\n');
        }
        return German(language)
            ? ("Ihre Woche: verspätete und fehlende Tage",
                $"Hallo {name},\n\nin der vergangenen Woche:\n{lines}\nFehlt eine Buchung, melden Sie sich bitte bei HR. Ihr Monat: {me}\n" + Footer(language, me))
            : ("Your week: late and missing days",
                $"Hello {name},\n\nlast week:\n{lines}\nIf a record is missing, please tell HR. Your month: {me}\n" + Footer(language, me));
    }

    public static (string Subject, string Body) ConfirmMonth(string language, string name, DateOnly month, string me)
    {
        var text = month.ToString("MMMM yyyy", CultureInfo.GetCultureInfo(language));
        return German(language)
            ? ($"Bitte bestätigen Sie {text}",
                $"Hallo {name},\n\n{text} ist zu Ende. Bitte prüfen und bestätigen Sie Ihren Monat unter „Meine Anwesenheit“: {me}\n" + Footer(language, me))
            : ($"Please confirm {text}",
                $"Hello {name},\n\n{text} has ended. Please check and confirm your month on My attendance: {me}\n" + Footer(language, me));
    }

    public static (string Subject, string Body) HrDigest(string language, int newReviewItems, IReadOnlyList<(DateOnly Month, int Waiting)> months,
        IReadOnlyList<string> notReminded, string review, string monthsPage)
    {
        var de = German(language);
        var culture = CultureInfo.GetCultureInfo(language);
        var body = new StringBuilder(de ? "Guten Morgen,\n\n" : "Good morning,\n\n");
        if (newReviewItems > 0) body.Append(de ? $"Neu auf der Prüfliste seit gestern: {newReviewItems}. {review}\n" : $"New on the review list since yesterday: {newReviewItems}. {review}\n");
        foreach (var (month, waiting) in months)
        {
            body.Append(de ? $"{month.ToString("MMMM yyyy", culture)}: {waiting} Personen warten auf Genehmigung. {monthsPage}\n"
                : $"{month.ToString("MMMM yyyy", culture)}: {waiting} people wait for approval. {monthsPage}\n");
        }
        if (notReminded.Count > 0)
        {
            body.Append(de ? "\nOhne Konto, daher nicht erinnert (ihr Ausstempeln wurde automatisch gesetzt):\n" : "\nWithout an account, so not reminded (their check-out was closed automatically):\n");
            foreach (var name in notReminded) body.Append("- ").Append(name).Append('\n');
        }
        body.Append(de ? "\n--\nDie tägliche Übersicht von AttendanceBlazor.\n" : "\n--\nAttendanceBlazor's daily digest.\n");
        return (de ? "AttendanceBlazor: heute zu erledigen" : "AttendanceBlazor: waiting for HR today", body.ToString());
    }
}
