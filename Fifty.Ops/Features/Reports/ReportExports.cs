using System.Security.Claims;
using Fifty.Ops.Infrastructure;
using Fifty.Ops.Infrastructure.Auditing;
using Fifty.Ops.Infrastructure.Pdf;
using Fifty.Ops.Infrastructure.Security;

namespace Fifty.Ops.Features.Reports;

/// <summary>The quarterly report as a PDF: the server renders the HTML, Chromium prints it.</summary>
public sealed class ReportPdfExporter(QuarterlyReportService reports, ReportHtmlRenderer html, ChromiumPdfPrinter printer)
{
    /// <summary>Null when the period does not exist.</summary>
    public async Task<(QuarterlyReport Report, byte[] Pdf)?> ExportAsync(int year, int quarter, CancellationToken ct = default)
    {
        var report = await reports.GetAsync(year, quarter, ct);
        if (report is null) return null;
        var page = await html.RenderAsync(report);
        return (report, await printer.PrintAsync(page, ct));
    }
}

public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reports/{year:int}/q{quarter:int}.pdf", async (int year, int quarter, ReportPdfExporter exporter, IAuditLog audit, ClaimsPrincipal user, CancellationToken ct) =>
        {
            try
            {
                var result = await exporter.ExportAsync(year, quarter, ct);
                if (result is not { } r) return NoSuchPeriod(year, quarter);
                await audit.RecordExportAsync(user, "QuarterlyReport", $"{year}-Q{quarter}", $"PDF 내려받기: {r.Report.FileStem}.pdf", ct);
                return Results.File(r.Pdf, "application/pdf", r.Report.FileStem + ".pdf");
            }
            catch (PdfUnavailableException ex)
            {
                return Downloads.Text(ex.Message, StatusCodes.Status503ServiceUnavailable);
            }
        }).AsDownload(Policies.CanDownload);

        app.MapGet("/reports/{year:int}/q{quarter:int}.xlsx", async (int year, int quarter, QuarterlyWorkbook workbook, IAuditLog audit, ClaimsPrincipal user, CancellationToken ct) =>
        {
            return await Downloads.FromTempFileAsync(async file =>
            {
                var report = await workbook.WriteAsync(year, quarter, file, ct);
                if (report is null) return NoSuchPeriod(year, quarter);
                await audit.RecordExportAsync(user, "QuarterlyReport", $"{year}-Q{quarter}", $"Excel 내려받기: {report.FileStem}.xlsx", ct);
                return Downloads.Xlsx(file, report.FileStem + ".xlsx");
            });
        }).AsDownload(Policies.CanDownload);

        // The exact page Chromium prints: the preview frame of /reports, the print view, and the benchmark's static-HTML
        // baseline. Showing it on screen is a page view, not a download (the page loads it on every visit, twice when the
        // circuit re-renders the frame), so it is not audited; the .xlsx and .pdf files are.
        app.MapGet("/reports/{year:int}/q{quarter:int}.html", async (int year, int quarter, QuarterlyReportService reports, ReportHtmlRenderer html, CancellationToken ct) =>
        {
            var report = await reports.GetAsync(year, quarter, ct);
            if (report is null) return NoSuchPeriod(year, quarter);
            var page = await html.RenderAsync(report);
            return Results.Content(page, "text/html; charset=utf-8");
        }).AsDownload(Policies.CanDownload);
        return app;
    }

    internal static IResult NoSuchPeriod(int year, int quarter) =>
        Downloads.Text($"{year}년 {quarter}분기 보고 기간이 없습니다. 보고서 목록에서 기간을 확인하세요.", StatusCodes.Status404NotFound);
}
