using Fifty.Ops.Features.Budget;
using Fifty.Ops.Features.Campuses;
using Fifty.Ops.Features.Indicators;
using Fifty.Ops.Features.Overview;
using Fifty.Ops.Features.Periods;
using Fifty.Ops.Features.Reports;

namespace Fifty.Ops.Features;

public static class FeatureServiceCollectionExtensions
{
    public static IServiceCollection AddFiftyOpsFeatures(this IServiceCollection services)
    {
        // Stateless query services over the context factory: one short-lived DbContext per call.
        services.AddSingleton<PeriodService>();
        services.AddSingleton<OverviewService>();
        services.AddSingleton<IndicatorQueryService>();
        services.AddBudgetFeature();
        services.AddSingleton<CampusQueryService>();
        services.AddSingleton<ReportCatalogService>();
        return services;
    }
}
