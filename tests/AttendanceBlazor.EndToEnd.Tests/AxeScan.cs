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
        // Reflow (WCAG 1.4.10, AA), which axe does not test: at a phone's width nothing may push the page sideways
        // (tables scroll inside their own box). "Ausgestempelt" at 2.5rem once made the kiosk 405 px wide.
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        if (page.ViewportSize is { Width: < 600 } phone && width > phone.Width)
        {
            var line = $"{what} [{phone.Width}px]: serious reflow (WCAG 1.4.10): the page is {width} px wide";
            Console.WriteLine(line);
            serious.Add(line);
        }
        return serious;
    }

    /// <summary>
    /// The state on screen scanned as it is, then at the other of the two sizes the tests use (a phone's 390x844, the
    /// layout MudBlazor's breakpoints give a phone, touch not emulated; or a desktop's 1280x800), then the viewport
    /// put back: for states a test reaches once, such as a question the kiosk waits on, where going through the
    /// scenario again at the other size would only repeat it.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SeriousAtBothSizesAsync(IPage page, string what)
    {
        var size = page.ViewportSize ?? throw new InvalidOperationException("the page has no fixed viewport to put back");
        var serious = new List<string>(await SeriousAsync(page, what));
        var (width, height) = size.Width < 600 ? (1280, 800) : (390, 844);
        await page.SetViewportSizeAsync(width, height);
        // Let the layout and the breakpoint listener settle before axe measures it.
        await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
        serious.AddRange(await SeriousAsync(page, what));
        await page.SetViewportSizeAsync(size.Width, size.Height);
        return serious;
    }
}
