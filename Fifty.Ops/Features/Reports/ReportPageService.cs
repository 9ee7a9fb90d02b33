namespace Fifty.Ops.Features.Reports;

/// <summary>The reports page: what each period holds, and the file name the selected period's report downloads as.</summary>
public sealed record ReportPageModel(ReportCatalog Catalog)
{
    public string? FileStem => Catalog.Selected is { } p ? QuarterlyReport.FileStemOf(p.Year, p.Quarter) : null;

    public string? Title => Catalog.Selected is { } p ? QuarterlyReport.TitleOf(p.Year, p.Quarter) : null;
}

/// <summary>
/// The page itself stays light: the report preview is the printed page (<c>/reports/{y}/q{q}.html</c>) in a frame, so
/// what a planner checks is exactly what the PDF prints, and the page carries no copy of the report in its state.
/// </summary>
public sealed class ReportPageService(ReportCatalogService catalog)
{
    /// <summary>The reports page: the catalogue of <see cref="ReportCatalogService.GetAsync"/>; the preview itself is the printed HTML in a frame.</summary>
    public async Task<ReportPageModel> GetAsync(int? year, int? quarter, CancellationToken ct = default) =>
        new(await catalog.GetAsync(year, quarter, ct));
}
