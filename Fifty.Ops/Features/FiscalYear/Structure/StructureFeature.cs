using System.Globalization;
using Fifty.Ops.Infrastructure;
using Fifty.Ops.Infrastructure.Security;
using Microsoft.Net.Http.Headers;

namespace Fifty.Ops.Features.FiscalYear.YearStructure;

public static class StructureFeature
{
    public const string WorkbookRoute = "/setup/{year:int}/structure.xlsx";

    public static string WorkbookUrl(int year) => string.Create(CultureInfo.InvariantCulture, $"/setup/{year}/structure.xlsx");

    public static IServiceCollection AddStructureFeature(this IServiceCollection services) => services.AddSingleton<StructureWorkbookService>();

    /// <summary>The year's structure workbook, for those who set a year up (the same policy as the setup page).</summary>
    public static IEndpointRouteBuilder MapStructureEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(WorkbookRoute, DownloadAsync).WithName("StructureWorkbook").AsDownload(Policies.CanSetUpYear);
        return endpoints;
    }

    private static async Task<IResult> DownloadAsync(int year, StructureWorkbookService service, HttpResponse response,
        Infrastructure.Auditing.IAuditLog audit, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
    {
        if (!FiscalYearRange.Contains(year)) return Downloads.Text(FiscalYearRange.Refusal, StatusCodes.Status404NotFound);
        return await Downloads.FromTempFileAsync(async file =>
        {
            await service.WriteAsync(year, file, ct);
            await audit.RecordExportAsync(user, "StructureWorkbook", year.ToString(CultureInfo.InvariantCulture), $"연도 체계 내려받기: {StructureWorkbookService.FileName(year)}", ct);
            response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
            {
                FileName = StructureWorkbookService.AsciiFileName(year), FileNameStar = StructureWorkbookService.FileName(year),
            }.ToString();
            return Downloads.Xlsx(file);
        });
    }
}
