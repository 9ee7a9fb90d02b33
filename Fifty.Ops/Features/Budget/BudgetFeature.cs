using Fifty.Ops.Features.Budget.Reconciliation;
using Fifty.Ops.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<PaceOptions>().BindConfiguration(PaceOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PaceOptions>, PaceOptionsValidator>();
        return services;
    }

    public static IEndpointRouteBuilder MapBudgetEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(WorkbookRoute, DownloadWorkbookAsync).WithName("ExecutionWorkbook").AsDownload(Infrastructure.Security.Policies.CanDownload);
        return endpoints;
    }

    /// <summary>
    /// The workbook is built in a temporary file that is deleted when the response has been sent: the package format
    /// needs a seekable stream, and a file keeps memory flat however large the hierarchy gets.
    /// </summary>
    private static async Task<IResult> DownloadWorkbookAsync(int year, int quarter, ExecutionWorkbook workbook, HttpResponse response,
        Infrastructure.Auditing.IAuditLog audit, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
    {
        if (quarter is < 1 or > 4) return NotFound($"분기는 1~4 중 하나여야 합니다 (요청: {quarter}분기).");
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        try
        {
            var result = await workbook.WriteAsync(year, quarter, file, ct);
            if (!result.Written)
            {
                await file.DisposeAsync();
                return NotFound(result.Problem!);
            }

            file.Position = 0;
            await audit.RecordExportAsync(user, "ExecutionWorkbook", $"{year}-Q{quarter}", $"예산 집행 현황 내려받기: {result.FileName}", ct);
            // The Korean name goes in filename*; the plain filename is an ASCII stand-in for clients that ignore it.
            response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
            {
                FileName = $"{year}-Q{quarter}-budget-execution.xlsx",
                FileNameStar = result.FileName,
            }.ToString();
            return Results.File(file, ExecutionWorkbook.ContentType);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private static IResult NotFound(string message) => Results.Text(message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
}
