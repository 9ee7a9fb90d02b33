using AngleSharp.Html.Parser;
using Fifty.Ops.Features.Reports;
using Fifty.Ops.Tests.Infrastructure;

namespace Fifty.Ops.Tests.Reports;

/// <summary>
/// The quarterly report service and its HTML renderer as the app registers them (<see cref="SeededDatabase.AppService{T}"/>:
/// the registrations <c>Program.cs</c> makes through <c>AddFiftyOps</c>, over the test's seeded database), for tests
/// that check the report without booting a host.
/// </summary>
internal static class ReportServices
{
    public static QuarterlyReportService Over(SeededDatabase database) => database.AppService<QuarterlyReportService>();

    /// <summary>The report as printed (the HTML the PDF is made from).</summary>
    public static Task<string> RenderHtmlAsync(SeededDatabase database, QuarterlyReport report) =>
        database.AppService<ReportHtmlRenderer>().RenderAsync(report);

    /// <summary>The printed report parsed for CSS queries.</summary>
    public static async Task<AngleSharp.Html.Dom.IHtmlDocument> RenderAsync(SeededDatabase database, QuarterlyReport report) =>
        new HtmlParser().ParseDocument(await RenderHtmlAsync(database, report));
}
