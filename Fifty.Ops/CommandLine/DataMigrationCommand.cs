using Fifty.Ops.Data;
using Fifty.Ops.Data.Transfer;

namespace Fifty.Ops.CommandLine;

/// <summary>
/// <c>Fifty.Ops migrate-data --to "Host=…;Database=…" [--from "Data Source=…"]</c>: the SQLite database (by default the
/// configured one, <c>ConnectionStrings:Default</c>) copied into an empty PostgreSQL database and verified
/// (<see cref="SqliteToPostgres"/>). Exit codes as the other commands: 0 copied and verified, 2 refused (target not
/// empty, bad arguments, source chain broken) or not verified, 1 an unexpected failure (the target's transaction is rolled back).
/// </summary>
public static class DataMigrationCommand
{
    public const string Verb = "migrate-data";

    /// <summary>Parses <c>--to</c>/<c>--from</c> from <paramref name="args"/>, runs the copy and prints its report; returns the exit code described on the class.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IConfiguration? configuration = null, CancellationToken ct = default)
    {
        string? to = null, from = null;
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--to" && i + 1 < args.Length) to = args[++i];
            else if (args[i] == "--from" && i + 1 < args.Length) from = args[++i];
            else return await RefuseAsync(error, $"알 수 없는 인수입니다: {args[i]} (사용법: Fifty.Ops migrate-data --to \"Host=…;Database=…\" [--from \"Data Source=…\"])");
        }

        if (to is null) return await RefuseAsync(error, "--to \"Host=…;Database=…;Username=…\"가 필요합니다.");
        if (SqliteToPostgres.CheckTarget(to) is { } problem) return await RefuseAsync(error, problem);
        try
        {
            configuration ??= new ConfigurationBuilder().SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json", optional: true).AddEnvironmentVariables().Build();
            if (from is null)
            {
                var settings = DatabaseSettings.From(configuration);
                if (settings.IsPostgres) return await RefuseAsync(error, "원본은 SQLite여야 합니다: Database__Provider=Sqlite로 두거나 --from \"Data Source=…\"을 주세요.");
                from = settings.ConnectionString;
            }
            else
            {
                from = Infrastructure.DataServiceCollectionExtensions.ResolveConnectionString(from);
            }

            var source = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(from).DataSource;
            if (!File.Exists(source)) return await RefuseAsync(error, $"원본 SQLite 파일이 없습니다: {source}");
            await output.WriteLineAsync($"SQLite {source} → PostgreSQL {Infrastructure.Durability.PostgresDump.Describe(to)}");
            var result = await new SqliteToPostgres(from, to).RunAsync(output, ct);
            if (result.Refusal is { } refusal) return await RefuseAsync(error, refusal);
            foreach (var t in result.Tables.Where(t => !t.Matches))
                await error.WriteLineAsync($"  행 수가 다릅니다: {t.Table} 원본 {t.Source:#,##0} / 대상 {t.Target:#,##0}");
            await output.WriteLineAsync($"표 {result.Tables.Count}개, 행 {result.Tables.Sum(t => t.Target):#,##0}개 옮김. 감사 기록: {result.TargetChain?.Message}");
            if (!result.Verified) return await RefuseAsync(error, "검증에 실패했습니다: 대상 데이터베이스를 쓰지 마세요.");
            await output.WriteLineAsync("검증 완료: 모든 표의 행 수가 같고, 감사 기록 해시 체인이 원본과 같은 마지막 해시로 이어집니다.");
            return CommandDispatcher.Ok;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await error.WriteLineAsync($"예상하지 못한 오류로 중단했습니다 (대상의 변경은 되돌렸습니다): {ex.GetType().Name}: {ex.Message}");
            return CommandDispatcher.Failed;
        }
    }

    private static async Task<int> RefuseAsync(TextWriter error, string message)
    {
        await error.WriteLineAsync(message);
        return CommandDispatcher.Refused;
    }
}
