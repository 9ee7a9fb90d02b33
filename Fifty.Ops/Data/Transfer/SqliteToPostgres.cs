using System.Reflection;
using Fifty.Ops.Infrastructure.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Fifty.Ops.Data.Transfer;

/// <summary>Rows of one table in the source and in the target after the copy.</summary>
public sealed record TableCount(string Table, long Source, long Target)
{
    public bool Matches => Source == Target;
}

/// <param name="Refusal">Why nothing was copied (Korean), or null.</param>
/// <param name="Tables">Row counts per table, source and target.</param>
/// <param name="SourceChain">The audit chain of the source as verified before the copy.</param>
/// <param name="TargetChain">The audit chain of the target as verified after it.</param>
public sealed record TransferResult(string? Refusal, IReadOnlyList<TableCount> Tables, ChainStatus? SourceChain, ChainStatus? TargetChain)
{
    /// <summary>Every table has the same number of rows, and the target's chain is intact and ends at the source's head.</summary>
    public bool Verified => Refusal is null && Tables.Count > 0 && Tables.All(t => t.Matches)
        && TargetChain is { IsIntact: true } && TargetChain.HeadHash == SourceChain?.HeadHash && TargetChain.Count == SourceChain?.Count;
}

/// <summary>
/// Copies a SQLite database into an empty PostgreSQL one (<c>Fifty.Ops migrate-data --to "Host=…"</c>): both are brought
/// to the latest migrations of their provider, then every table of the model is copied row for row through EF Core (so
/// each value is converted by the same mappings the app uses: decimals, dates, enums, tags), principal tables first,
/// with the same keys — users, roles, their passwords' hashes and the audit trail included — in one transaction on the
/// target. Identity sequences are moved past the copied keys. Then the row count of every table is compared and the
/// target's audit chain verified: it must be intact and end at the source's head hash.
/// A target that holds any row of the app is refused (nothing is merged or overwritten); the rows its migrations put in
/// (the role list) are replaced by the source's.
/// </summary>
public sealed class SqliteToPostgres(string sqliteConnectionString, string postgresConnectionString)
{
    private const int Batch = 2_000;

    /// <summary>Runs the copy and its verification, writing one line per step and table to <paramref name="progress"/>.</summary>
    /// <returns>Never null: a <c>Refusal</c> (nothing copied) when the target holds rows of the app or the source chain is broken; otherwise the counts and both chains.</returns>
    public async Task<TransferResult> RunAsync(TextWriter progress, CancellationToken ct = default)
    {
        await using var source = new FiftyOpsDbContext(new DbContextOptionsBuilder<FiftyOpsDbContext>().UseSqlite(sqliteConnectionString).Options);
        await source.Database.MigrateAsync(ct);
        await using var target = new PostgresFiftyOpsDbContext(new DbContextOptionsBuilder<FiftyOpsDbContext>().UseNpgsql(postgresConnectionString).Options);
        await target.Database.MigrateAsync(ct);
        source.AuditChanges = target.AuditChanges = false;

        var types = Ordered(target.Model);
        // Seed data lives in the design-time model only.
        var designModel = target.GetService<Microsoft.EntityFrameworkCore.Metadata.IDesignTimeModel>().Model;
        bool Seeded(IEntityType t) => designModel.FindEntityType(t.Name)?.GetSeedData().Any() == true;
        // Rows the migrations themselves put in (the roles) are not data: they are replaced by the source's.
        foreach (var type in types.Where(t => !Seeded(t)))
        {
            if (await CountAsync(target, type, ct) > 0)
                return new TransferResult($"대상 데이터베이스가 비어 있지 않습니다 ({type.GetTableName()}에 자료가 있음). 빈 데이터베이스를 지정하세요.", [], null, null);
        }

        var sourceChain = await AuditChain.VerifyAsync(source, ct);
        if (!sourceChain.IsIntact)
            return new TransferResult("원본의 감사 기록 해시 체인이 끊겨 있어 옮기지 않았습니다: " + sourceChain.Message, [], sourceChain, null);

        target.ChangeTracker.AutoDetectChangesEnabled = false;
        await using (var transaction = await target.Database.BeginTransactionAsync(ct))
        {
            foreach (var type in types.Where(Seeded).Reverse())
            {
                var delete = $"DELETE FROM \"{type.GetTableName()}\""; // a table name of the model
                await target.Database.ExecuteSqlRawAsync(delete, ct);
            }

            foreach (var type in types)
            {
                var copied = await CopyAsync(source, target, type, ct);
                await progress.WriteLineAsync($"  {type.GetTableName()}: {copied:#,##0}행");
            }

            await ResetSequencesAsync(target, types, ct);
            await transaction.CommitAsync(ct);
        }

        var counts = new List<TableCount>();
        foreach (var type in types)
            counts.Add(new TableCount(type.GetTableName()!, await CountAsync(source, type, ct), await CountAsync(target, type, ct)));
        target.ChangeTracker.Clear();
        var targetChain = await AuditChain.VerifyAsync(target, ct);
        return new TransferResult(null, counts, sourceChain, targetChain);
    }

    /// <summary>The model's tables, each entity type whose rows it holds, principals before dependents.</summary>
    internal static List<IEntityType> Ordered(IModel model)
    {
        var all = model.GetEntityTypes().Where(t => t.GetTableName() is not null && !t.IsOwned() && t.BaseType is null).ToList();
        var ordered = new List<IEntityType>();
        var placed = new HashSet<IEntityType>();
        while (ordered.Count < all.Count)
        {
            var next = all.Where(t => !placed.Contains(t) && t.GetForeignKeys().All(fk => fk.PrincipalEntityType == t || placed.Contains(fk.PrincipalEntityType.GetRootType()))).ToList();
            if (next.Count == 0) throw new InvalidOperationException("The model's foreign keys form a cycle between tables; migrate-data cannot order them.");
            foreach (var t in next.OrderBy(t => t.GetTableName(), StringComparer.Ordinal))
            {
                ordered.Add(t);
                placed.Add(t);
            }
        }

        return ordered;
    }

    private static readonly MethodInfo CopyOfType = typeof(SqliteToPostgres).GetMethod(nameof(CopyTypedAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo CountOfType = typeof(SqliteToPostgres).GetMethod(nameof(CountTypedAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static Task<int> CopyAsync(FiftyOpsDbContext source, FiftyOpsDbContext target, IEntityType type, CancellationToken ct) =>
        (Task<int>)CopyOfType.MakeGenericMethod(type.ClrType).Invoke(null, [source, target, type, ct])!;

    private static Task<long> CountAsync(FiftyOpsDbContext db, IEntityType type, CancellationToken ct) =>
        (Task<long>)CountOfType.MakeGenericMethod(type.ClrType).Invoke(null, [db, type, ct])!;

    private static IQueryable<T> All<T>(FiftyOpsDbContext db, IEntityType type) where T : class =>
        (type.HasSharedClrType ? db.Set<T>(type.Name) : db.Set<T>()).IgnoreQueryFilters().AsNoTracking();

    private static async Task<long> CountTypedAsync<T>(FiftyOpsDbContext db, IEntityType type, CancellationToken ct) where T : class =>
        await All<T>(db, type).LongCountAsync(ct);

    private static async Task<int> CopyTypedAsync<T>(FiftyOpsDbContext source, FiftyOpsDbContext target, IEntityType type, CancellationToken ct) where T : class
    {
        var selfReferencing = type.GetForeignKeys().Any(fk => fk.PrincipalEntityType == type);
        var query = All<T>(source, type);
        // A table that points at itself (the programme tree) goes in one save, which EF orders parents first.
        var rows = await query.ToListAsync(ct);
        var set = type.HasSharedClrType ? target.Set<T>(type.Name) : target.Set<T>();
        var count = 0;
        foreach (var chunk in selfReferencing ? [rows] : rows.Chunk(Batch).Select(c => c.ToList()))
        {
            foreach (var row in chunk)
            {
                var entry = set.Add(row);
                // PostgreSQL's timestamptz takes UTC only; the instant is the same.
                foreach (var property in entry.Properties)
                {
                    if (property.CurrentValue is DateTimeOffset { Offset.Ticks: not 0 } at) property.CurrentValue = at.ToUniversalTime();
                }
            }

            target.ChangeTracker.DetectChanges();
            await target.SaveChangesAsync(ct);
            count += chunk.Count;
            target.ChangeTracker.Clear();
        }

        return count;
    }

    private static async Task ResetSequencesAsync(FiftyOpsDbContext target, IEnumerable<IEntityType> types, CancellationToken ct)
    {
        foreach (var type in types)
        {
            var table = type.GetTableName()!;
            foreach (var key in type.FindPrimaryKey()!.Properties.Where(p => p.ValueGenerated == Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.OnAdd
                && (p.ClrType == typeof(int) || p.ClrType == typeof(long))))
            {
                var column = key.GetColumnName(Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, type.GetSchema()))!;
                var sql = $"""SELECT setval(pg_get_serial_sequence('"{table}"', '{column}'), COALESCE(MAX("{column}"), 1), MAX("{column}") IS NOT NULL) FROM "{table}" WHERE pg_get_serial_sequence('"{table}"', '{column}') IS NOT NULL""";
                await target.Database.ExecuteSqlRawAsync(sql, ct);
            }
        }
    }

    /// <summary>Whether <paramref name="connectionString"/> parses as a PostgreSQL connection string with a host and a database.</summary>
    public static string? CheckTarget(string connectionString)
    {
        try
        {
            var b = new NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(b.Host) || string.IsNullOrWhiteSpace(b.Database)
                ? "--to에는 Host와 Database가 있는 PostgreSQL 연결 문자열이 필요합니다 (예: \"Host=127.0.0.1;Database=fiftyops;Username=fifty\")."
                : null;
        }
        catch (ArgumentException ex)
        {
            return $"--to 연결 문자열을 읽지 못했습니다: {ex.Message}";
        }
    }
}
