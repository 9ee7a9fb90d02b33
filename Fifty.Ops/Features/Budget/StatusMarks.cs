using Fifty.Ops.Components;
using Fifty.Ops.Features.Budget.Reconciliation;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Fifty.Ops.Features.Budget;

/// <summary>
/// Status as icon + word for the budget tables: MudBlazor's Material icon drawn as inline SVG markup rather than a
/// <c>MudIcon</c> component, so a table of a hundred rows does not hold a hundred more components per circuit. The
/// icon is decorative (aria-hidden); the word carries the meaning, and colour is never the only signal.
/// </summary>
public static class StatusMarks
{
    /// <summary>The pace of a line (집행부진 / 과다집행 / 정상) with its icon; the title tells rate, expected share and gap.</summary>
    public static RenderFragment Pace(PaceAssessment pace) => b =>
    {
        b.OpenElement(0, "span");
        b.AddAttribute(1, "class", $"pace pace-{pace.Status.ToString().ToLowerInvariant()}");
        b.AddAttribute(2, "title", $"지출 기준 {Fmt.Percent(pace.Rate)}, 기대 {Fmt.Percent(pace.Expected)} 대비 {Fmt.PercentPoints(pace.Gap)}");
        Icon(b, IconOf(pace.Status));
        b.AddContent(11, pace.Status.Label());
        b.CloseElement();
    };

    /// <summary>A reconciliation finding's severity (불일치 / 표기 / 참고) with its icon.</summary>
    public static RenderFragment Severity(FindingSeverity severity, string? text = null) => b =>
    {
        b.OpenElement(0, "span");
        b.AddAttribute(1, "class", $"severity severity-{severity.ToString().ToLowerInvariant()}");
        Icon(b, IconOf(severity));
        b.AddContent(11, text ?? severity.Label());
        b.CloseElement();
    };

    /// <summary>A rule with nothing found (이상 없음).</summary>
    public static RenderFragment Pass(string text) => b =>
    {
        b.OpenElement(0, "span");
        b.AddAttribute(1, "class", "severity severity-pass");
        Icon(b, Icons.Material.Filled.CheckCircle);
        b.AddContent(11, text);
        b.CloseElement();
    };

    public static string IconOf(PaceStatus status) => status switch
    {
        PaceStatus.Behind => Icons.Material.Filled.TrendingDown,
        PaceStatus.Ahead => Icons.Material.Filled.TrendingUp,
        PaceStatus.OnPace => Icons.Material.Filled.CheckCircle,
        _ => Icons.Material.Filled.HelpOutline,
    };

    public static string IconOf(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Mismatch => Icons.Material.Filled.Cancel,
        FindingSeverity.Notation => Icons.Material.Filled.Warning,
        _ => Icons.Material.Filled.Info,
    };

    /// <summary>Writes the icon as frame 10 of the element being built (its word follows as frame 11).</summary>
    private static void Icon(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder b, string svg)
    {
        b.OpenRegion(10);
        b.OpenElement(0, "svg");
        b.AddAttribute(1, "class", "mud-icon-root mud-svg-icon status-icon");
        b.AddAttribute(2, "viewBox", "0 0 24 24");
        b.AddAttribute(3, "aria-hidden", "true");
        b.AddAttribute(4, "focusable", "false");
        b.AddMarkupContent(5, svg);
        b.CloseElement();
        b.CloseRegion();
    }
}
