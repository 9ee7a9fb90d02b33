using System.Globalization;
using System.Security.Claims;
using Fifty.Ops.Infrastructure;
using Fifty.Ops.Infrastructure.Auditing;
using Fifty.Ops.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Fifty.Ops.Features.Audit;

public static class AuditEndpoints
{
    public const string WorkbookPath = "/audit.xlsx";

    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(WorkbookPath, DownloadAsync).AsDownload(Policies.CanAudit);
        return app;
    }

    /// <summary>The download itself is recorded in the trail.</summary>
    private static async Task<IResult> DownloadAsync(
        HttpResponse response, ClaimsPrincipal user, AuditWorkbookWriter writer, IAuditLog audit, TimeProvider clock,
        string? from, string? to, [FromQuery(Name = "user")] string? userName, string? kind, string? q, CancellationToken ct)
    {
        var filter = AuditFilter.Parse(from, to, userName, kind, q);
        return await Downloads.FromTempFileAsync(async file =>
        {
            var result = await writer.WriteAsync(user, filter, file, ct);
            if (result.Refusal is { } refusal) return Downloads.Text(refusal, StatusCodes.Status403Forbidden);

            var stamp = clock.KoreaNow().ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
            await audit.RecordExportAsync(user, "AuditTrail", filter.ToQuery() is { Length: > 0 } query ? "?" + query : "(전체)",
                $"Excel 내려받기: {result.Rows:#,##0}건{(result.Truncated ? " (Excel 행 한도로 잘림)" : "")} · 조건: {filter.Describe()}", ct);
            response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
            {
                FileName = $"audit-trail-{stamp}.xlsx",
                FileNameStar = $"감사기록_{stamp}.xlsx",
            }.ToString();
            return Downloads.Xlsx(file);
        });
    }
}
