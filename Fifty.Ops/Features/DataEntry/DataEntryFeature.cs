using Fifty.Ops.Features.Admin;

namespace Fifty.Ops.Features.DataEntry;

public static class DataEntryFeature
{
    /// <summary>Quarterly entry forms, the Excel import, and period administration: stateless services over the context factory.</summary>
    public static IServiceCollection AddDataEntryFeature(this IServiceCollection services)
    {
        services.AddSingleton<EntryHubService>();
        services.AddSingleton<IndicatorEntryService>();
        services.AddSingleton<BudgetEntryService>();
        services.AddSingleton<NarrativeEntryService>();
        services.AddSingleton<PeriodAdminService>();
        return services;
    }
}
