using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Fifty.Ops.Tests.Browser;

/// <summary>Drives a MudSelect the way a user does: open it by its accessible name, click the option by its text.</summary>
public static class MudSelectPage
{
    /// <summary>
    /// Opens the MudSelect named <paramref name="label"/> (exact) and clicks the option whose text is
    /// <paramref name="option"/>, alone or followed by a space and a note ("9월 — 마감"), then waits until the list has
    /// closed. Fails when no such select or option appears.
    /// </summary>
    public static async Task ChooseAsync(this IPage page, string label, string option)
    {
        await page.GetByRole(AriaRole.Combobox, new() { Name = label, Exact = true }).ClickAsync();
        var item = page.Locator(".mud-popover-open .mud-list-item")
            .Filter(new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(option)}(\\s|$)") });
        await item.First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }
}
