using Fifty.Ops.Features.Budget;
using Fifty.Ops.Features.Campuses;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Features.Indicators;
using Fifty.Ops.Features.Overview;
using Fifty.Ops.Features.Periods;
using Fifty.Ops.Features.Projects;
using Fifty.Ops.Features.Reports;

namespace Fifty.Ops.Features;

public static class FeatureServiceCollectionExtensions
{
    public static IServiceCollection AddFiftyOpsFeatures(this IServiceCollection services)
    {
        // Stateless query services over the context factory: one short-lived DbContext per call.
        services.AddSingleton<OverviewService>();
        services.AddSingleton<IndicatorQueryService>();
        services.AddSingleton<IndicatorCommentaryService>();
        services.AddBudgetFeature();
        services.AddSingleton<ProjectQueryService>();
        services.AddSingleton<CampusQueryService>();
        services.AddSingleton<CampusUsageEntryService>();
        services.AddDataEntryFeature();
        services.AddSingleton<FiscalYear.FiscalYearService>();
        services.AddSingleton<FiscalYear.Profile.ProfileSetupService>();
        services.AddSingleton<FiscalYear.Summary.BudgetSummarySetupService>();
        services.AddSingleton<FiscalYear.Sites.SiteSetupService>();
        services.AddSingleton<FiscalYear.Indicators.IndicatorSetupService>();
        FiscalYear.YearStructure.StructureFeature.AddStructureFeature(services);
        services.AddSingleton<ReportCatalogService>();
        services.AddSingleton<QuarterlyReportService>();
        services.AddSingleton<ReportPageService>();
        services.AddSingleton<ReportHtmlRenderer>();
        services.AddSingleton<ReportPdfExporter>();
        services.AddSingleton<QuarterlyWorkbook>();
        services.AddOptions<Infrastructure.Pdf.PdfOptions>().BindConfiguration("Pdf");
        services.AddSingleton<Infrastructure.Pdf.ChromiumPdfPrinter>();
        return services;
    }
}
