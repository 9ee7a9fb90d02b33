namespace Fifty.Ops.Features.Reports;

public sealed record ReportPageModel(ReportCatalog Catalog, QuarterlyReport? Report);

/// <summary>The reports page: what each period holds, and the selected period's report for the preview.</summary>
public sealed class ReportPageService(ReportCatalogService catalog, QuarterlyReportService reports)
{
    public async Task<ReportPageModel> GetAsync(int? year, int? quarter, CancellationToken ct = default)
    {
        var c = await catalog.GetAsync(year, quarter, ct);
        var report = c.Selected is { } p ? await reports.GetAsync(p.Year, p.Quarter, ct) : null;
        return new ReportPageModel(c, report);
    }
}
