using Fifty.Ops.Features.Budget.Reconciliation;
using Fifty.Ops.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Fifty.Ops.Features.Budget;

public static class BudgetFeature
{
    public const string WorkbookRoute = "/budget/{year:int}/q{quarter:int}/execution.xlsx";

    public static string WorkbookUrl(int year, int quarter) => $"/budget/{year}/q{quarter}/execution.xlsx";

    public static IServiceCollection AddBudgetFeature(this IServiceCollection services)
    {
        services.AddSingleton<BudgetQueryService>();
        services.AddSingleton<ReconciliationService>();
        services.AddSingleton<ExecutionWorkbook>();
        services.AddOptions<PaceOptions>().BindConfiguration(PaceOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PaceOptions>, PaceOptionsValidator>();
        return services;
    }

    public static IEndpointRouteBuilder MapBudgetEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(WorkbookRoute, DownloadWorkbookAsync).WithName("ExecutionWorkbook").AsDownload(Infrastructure.Security.Policies.CanDownload);
        return endpoints;
    }

    private static async Task<IResult> DownloadWorkbookAsync(int year, int quarter, ExecutionWorkbook workbook, HttpResponse response,
        Infrastructure.Auditing.IAuditLog audit, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
    {
        if (quarter is < 1 or > 4) return NotFound($"분기는 1~4 중 하나여야 합니다 (요청: {quarter}분기).");
        return await Downloads.FromTempFileAsync(async file =>
        {
            var result = await workbook.WriteAsync(year, quarter, file, ct);
            if (!result.Written) return NotFound(result.Problem!);
            await audit.RecordExportAsync(user, "ExecutionWorkbook", $"{year}-Q{quarter}", $"예산 집행 현황 내려받기: {result.FileName}", ct);
            // The Korean name goes in filename*; the plain filename is an ASCII stand-in for clients that ignore it.
            response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
            {
                FileName = $"{year}-Q{quarter}-budget-execution.xlsx",
                FileNameStar = result.FileName,
            }.ToString();
            return Downloads.Xlsx(file);
        });
    }

    private static IResult NotFound(string message) => Downloads.Text(message, StatusCodes.Status404NotFound);
}
