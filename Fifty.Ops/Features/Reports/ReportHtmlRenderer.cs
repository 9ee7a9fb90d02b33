using System.Net;
using Fifty.Ops.Features.Reports.Document;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Fifty.Ops.Features.Reports;

/// <summary>
/// Renders the report document to a standalone HTML page on the server (the framework's HtmlRenderer), with the report
/// stylesheet inlined, so Chromium prints it from a string: no sign-in, no circuit, no request back to the app.
/// </summary>
public sealed class ReportHtmlRenderer(IServiceProvider services, ILoggerFactory loggerFactory)
{
    private static readonly Lazy<string> Css = new(() =>
    {
        using var stream = typeof(ReportHtmlRenderer).Assembly.GetManifestResourceStream("Fifty.Ops.Reports.report.css")
            ?? throw new InvalidOperationException("The report stylesheet is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static string Stylesheet => Css.Value;

    /// <summary>
    /// The printed page of <paramref name="report"/> as one self-contained HTML document (stylesheet inlined), the same markup
    /// the preview frame shows and Chromium prints to PDF (docs/domain.md, "The quarterly work report").
    /// </summary>
    public async Task<string> RenderAsync(QuarterlyReport report)
    {
        // A scope of its own: components may use scoped services (the cascading authentication state is one).
        await using var scope = services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggerFactory);
        var body = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<QuarterlyReportDocument>(
                ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(QuarterlyReportDocument.Report)] = report })))
            .ToHtmlString());
        return $"""
            <!DOCTYPE html>
            <html lang="ko">
            <head>
            <meta charset="utf-8">
            <title>{WebUtility.HtmlEncode(report.Title)}</title>
            <style>
            html, body {"{"} margin: 0; {"}"} @media print {"{"} html, body {"{"} background: #fff; padding: 0; {"}"} {"}"}
            {Stylesheet}
            </style>
            </head>
            <body>
            {body}
            </body>
            </html>
            """;
    }
}
