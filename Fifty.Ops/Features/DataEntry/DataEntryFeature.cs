using Fifty.Ops.Features.Admin;
using Fifty.Ops.Features.Import;
using Fifty.Ops.Infrastructure.Durability;
using Fifty.Ops.Infrastructure;

namespace Fifty.Ops.Features.DataEntry;

public static class DataEntryFeature
{
    public const string TemplateRoute = "/import/{year:int}/q{quarter:int}/template.xlsx";
    public const string BackupRoute = "/admin/backups/files/{name}";

    public static string TemplateUrl(int year, int quarter) => $"/import/{year}/q{quarter}/template.xlsx";

    public static string BackupUrl(string name) => $"/admin/backups/files/{Uri.EscapeDataString(name)}";

    /// <summary>Quarterly entry forms, the Excel import, and period administration: stateless services over the context factory.</summary>
    public static IServiceCollection AddDataEntryFeature(this IServiceCollection services)
    {
        services.AddSingleton<EntryHubService>();
        services.AddSingleton<IndicatorEntryService>();
        services.AddSingleton<BudgetEntryService>();
        services.AddSingleton<NarrativeEntryService>();
        services.AddSingleton<ImportService>();
        services.AddSingleton<PeriodAdminService>();
        services.AddSingleton<PeopleDirectory>();
        return services;
    }

    public static IEndpointRouteBuilder MapDataEntryEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // The template holds only what every role may read (the period's entries and the report's figures): a download
        // like the others. Uploading it stays with planners (ImportService demands CanEditFigures).
        endpoints.MapGet(TemplateRoute, DownloadTemplateAsync).WithName("ImportTemplate").AsDownload(Infrastructure.Security.Policies.CanDownload);
        // A backup is the whole database: administrators only.
        endpoints.MapGet(BackupRoute, DownloadBackup).WithName("BackupFile").AsDownload(Infrastructure.Security.Policies.CanAdminister);
        return endpoints;
    }

    private static async Task<IResult> DownloadTemplateAsync(int year, int quarter, ImportService import, HttpResponse response,
        Infrastructure.Auditing.IAuditLog audit, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
    {
        if (quarter is < 1 or > 4) return Text($"분기는 1~4 중 하나여야 합니다 (요청: {quarter}분기).", StatusCodes.Status404NotFound);
        return await Downloads.FromTempFileAsync(async file =>
        {
            if (await import.WriteTemplateAsync(year, quarter, file, ct) is { } problem) return Text(problem, StatusCodes.Status404NotFound);
            await audit.RecordExportAsync(user, "ImportTemplate", $"{year}-Q{quarter}", $"입력 양식 내려받기: {ImportTemplate.FileNames(year, quarter).Korean}", ct);
            response.Headers.ContentDisposition = ImportTemplate.ContentDisposition(year, quarter);
            return Downloads.Xlsx(file);
        });
    }

    private static IResult DownloadBackup(string name, BackupService backups)
    {
        if (backups.Find(name) is not { } file) return Text("그런 백업 파일이 없습니다.", StatusCodes.Status404NotFound);
        return Results.File(file.FullName, file.Name.EndsWith(".dump", StringComparison.Ordinal) ? "application/octet-stream" : "application/vnd.sqlite3", file.Name);
    }

    private static IResult Text(string message, int status) => Downloads.Text(message, status);
}
