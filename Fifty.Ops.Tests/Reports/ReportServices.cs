using AngleSharp.Html.Parser;
using Fifty.Ops.Features.Budget;
using Fifty.Ops.Features.Campuses;
using Fifty.Ops.Features.Indicators;
using Fifty.Ops.Features.Periods;
using Fifty.Ops.Features.Projects;
using Fifty.Ops.Features.Reports;
using Fifty.Ops.Infrastructure;
using Fifty.Ops.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Fifty.Ops.Tests.Reports;

/// <summary>
/// The quarterly report service and its HTML renderer over a seeded test database, wired as the app wires them (the
/// app's context factory, default pace options, the system clock), for tests that check the report without booting a host.
/// </summary>
internal static class ReportServices
{
    public static QuarterlyReportService Over(SeededDatabase database)
    {
        var periods = new PeriodService(database.Factory);
        var indicators = new IndicatorQueryService(database.Factory, periods);
        return new QuarterlyReportService(database.Factory, periods, indicators,
            new ProjectQueryService(database.Factory, periods, indicators),
            new BudgetQueryService(database.Factory, periods, Options.Create(new PaceOptions())),
            new CampusQueryService(database.Factory, periods, new SeedOptions(SeededDatabase.SeedRoot)), TimeProvider.System);
    }

    /// <summary>The report as printed (the HTML the PDF is made from).</summary>
    public static async Task<string> RenderHtmlAsync(QuarterlyReport report)
    {
        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        return await new ReportHtmlRenderer(services, NullLoggerFactory.Instance).RenderAsync(report);
    }

    /// <summary>The printed report parsed for CSS queries.</summary>
    public static async Task<AngleSharp.Html.Dom.IHtmlDocument> RenderAsync(QuarterlyReport report) =>
        new HtmlParser().ParseDocument(await RenderHtmlAsync(report));
}
