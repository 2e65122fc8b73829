using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace AttendanceBlazor.EndToEnd.Tests;

/// <summary>axe-core over the page as it stands, WCAG 2.0 to 2.2, A and AA: every violation printed, the serious and critical ones returned.</summary>
public static class AxeScan
{
    private static readonly AxeRunOptions Wcag = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    };

    public static async Task<IReadOnlyList<string>> SeriousAsync(IPage page, string what)
    {
        var result = await page.RunAxe(Wcag);
        Console.WriteLine($"scanned {what} [{page.ViewportSize?.Width}px]: {result.Violations.Length} violations");
        var serious = new List<string>();
        foreach (var violation in result.Violations)
        {
            var line = $"{what} [{page.ViewportSize?.Width}px]: {violation.Impact} {violation.Id} ({violation.Help}) at {string.Join(" | ", violation.Nodes.Take(3).Select(n => n.Html.Length > 160 ? n.Html[..160] : n.Html))}";
            Console.WriteLine(line);
            if (violation.Impact is "serious" or "critical") serious.Add(line);
        }
        return serious;
    }
}
