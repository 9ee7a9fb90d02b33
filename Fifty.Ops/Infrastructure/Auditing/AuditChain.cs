using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Infrastructure.Auditing;

/// <summary>The result of walking the chain from the first entry to the last.</summary>
public sealed record ChainStatus(long Count, bool IsIntact, long? BrokenAtId, string Message, string? HeadHash);

/// <summary>
/// The hash chain of the audit trail: how an entry is serialised and hashed, how entries are appended, and how the
/// chain is verified. Appends run inside a write transaction (SQLite <c>BEGIN IMMEDIATE</c>, which is what
/// Microsoft.Data.Sqlite issues; on PostgreSQL a transaction-scoped advisory lock taken first), so reading the last hash
/// and inserting after it cannot interleave with another writer — in this process, another process or another instance.
/// </summary>
public static class AuditChain
{
    public static readonly string Genesis = new('0', 64);

    /// <summary>Longer values are cut (and say so) before hashing, so what is stored is exactly what was hashed.</summary>
    public const int MaxValueLength = 4000;

    /// <summary>
    /// How <see cref="AuditEntry.OccurredUtc"/> is stored, on SQLite (EF's own text format) and on PostgreSQL alike
    /// (a text column there too: <c>timestamptz</c> keeps microseconds, the hash covers the full 100 ns ticks).
    /// </summary>
    public const string StoredTimeFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    /// <summary>The advisory lock key that serialises appends on PostgreSQL (any constant the app uses for nothing else).</summary>
    public const long PostgresLockKey = 0x5F1F_7A0D_0019;

    /// <summary>
    /// A JSON array of every recorded column except the hashes, in a fixed order, with invariant formats. JSON gives
    /// unambiguous quoting, so "a|b" + "c" can never collide with "a" + "b|c".
    /// </summary>
    public static string Canonical(AuditEntry e) => JsonSerializer.Serialize(new[]
    {
        e.Id.ToString(CultureInfo.InvariantCulture),
        e.OccurredUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        e.UserId?.ToString(CultureInfo.InvariantCulture),
        e.UserName,
        e.IpAddress,
        e.Kind.ToString(),
        e.ObjectType,
        e.ObjectId,
        e.Field,
        e.OldValue,
        e.NewValue,
        e.Detail,
    });

    public static string ComputeHash(string previousHash, AuditEntry entry) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(previousHash + "\n" + Canonical(entry))));

    /// <summary>
    /// Appends records after the current last entry. The caller owns <paramref name="transaction"/>, which must already
    /// hold SQLite's write lock (any transaction begun by EF or Microsoft.Data.Sqlite does).
    /// </summary>
    public static async Task<IReadOnlyList<AuditEntry>> AppendAsync(
        DbConnection connection, DbTransaction transaction, AuditActor actor, IReadOnlyList<AuditRecord> records, DateTime occurredUtc, CancellationToken ct)
    {
        if (records.Count == 0) return [];
        long lastId = 0;
        var previous = Genesis;
        if (connection is Npgsql.NpgsqlConnection)
        {
            // PostgreSQL's transactions do not lock the table for writing: without this, two instances could both read
            // the same last entry and fork the chain. Released at commit or rollback.
            await using var lockCommand = connection.CreateCommand();
            lockCommand.Transaction = transaction;
            lockCommand.CommandText = "SELECT pg_advisory_xact_lock(" + PostgresLockKey.ToString(CultureInfo.InvariantCulture) + ")";
            await lockCommand.ExecuteNonQueryAsync(ct);
        }

        await using (var last = connection.CreateCommand())
        {
            last.Transaction = transaction;
            last.CommandText = """SELECT "Id", "Hash" FROM "AuditEntries" ORDER BY "Id" DESC LIMIT 1""";
            await using var reader = await last.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                lastId = reader.GetInt64(0);
                previous = reader.GetString(1);
            }
        }

        var written = new List<AuditEntry>(records.Count);
        // One prepared command for the whole batch: an import can append thousands of entries, and preparing the
        // statement anew for each was most of the commit's time.
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO "AuditEntries" ("Id", "OccurredUtc", "UserId", "UserName", "IpAddress", "Kind", "ObjectType", "ObjectId",
                "Field", "OldValue", "NewValue", "Detail", "PreviousHash", "Hash")
            VALUES (@id, @at, @userId, @userName, @ip, @kind, @objectType, @objectId, @field, @old, @new, @detail, @previous, @hash)
            """;
        string[] names = ["@id", "@at", "@userId", "@userName", "@ip", "@kind", "@objectType", "@objectId", "@field", "@old", "@new", "@detail", "@previous", "@hash"];
        // Npgsql infers a parameter's type from its first value: an id or user id must go as bigint/integer, not text.
        Type[] types = [typeof(long), typeof(string), typeof(int), typeof(string), typeof(string), typeof(string), typeof(string), typeof(string), typeof(string), typeof(string), typeof(string), typeof(string), typeof(string), typeof(string)];
        var parameters = names.Select((name, i) =>
        {
            var p = insert.CreateParameter();
            p.ParameterName = name;
            p.DbType = types[i] == typeof(long) ? System.Data.DbType.Int64 : types[i] == typeof(int) ? System.Data.DbType.Int32 : System.Data.DbType.String;
            insert.Parameters.Add(p);
            return p;
        }).ToArray();
        insert.Prepare();

        foreach (var record in records)
        {
            var entry = new AuditEntry
            {
                Id = ++lastId,
                OccurredUtc = DateTime.SpecifyKind(occurredUtc, DateTimeKind.Utc),
                UserId = actor.UserId,
                UserName = Cut(actor.UserName, 64),
                IpAddress = Cut(actor.IpAddress, 64),
                Kind = record.Kind,
                ObjectType = Cut(record.ObjectType, 100),
                ObjectId = Cut(record.ObjectId, 200),
                Field = Cut(record.Field, 100),
                OldValue = Cut(record.OldValue, MaxValueLength),
                NewValue = Cut(record.NewValue, MaxValueLength),
                Detail = Cut(record.Detail, MaxValueLength),
                PreviousHash = previous,
            };
            entry.Hash = ComputeHash(previous, entry);
            previous = entry.Hash;

            object?[] values =
            [
                entry.Id, entry.OccurredUtc.ToString(StoredTimeFormat, CultureInfo.InvariantCulture), entry.UserId, entry.UserName, entry.IpAddress,
                entry.Kind.ToString(), entry.ObjectType, entry.ObjectId, entry.Field, entry.OldValue, entry.NewValue, entry.Detail, entry.PreviousHash, entry.Hash,
            ];
            for (var i = 0; i < values.Length; i++) parameters[i].Value = values[i] ?? DBNull.Value;
            await insert.ExecuteNonQueryAsync(ct);
            written.Add(entry);
        }

        return written;
    }

    /// <summary>Walks every entry in order and reports the first one that does not follow from the one before.</summary>
    public static async Task<ChainStatus> VerifyAsync(FiftyOpsDbContext db, CancellationToken ct = default)
    {
        long count = 0;
        long expectedId = 1;
        var expectedPrevious = Genesis;
        await foreach (var e in db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (e.Id != expectedId)
                return Broken(count, e.Id, $"{expectedId:#,##0}번 기록이 없습니다: {e.Id:#,##0}번 앞에서 기록이 삭제되었습니다.");
            if (e.PreviousHash != expectedPrevious)
                return Broken(count, e.Id, $"{e.Id:#,##0}번 기록의 이전 해시가 앞 기록과 맞지 않습니다: 앞 기록이 바뀌었거나 삭제되었습니다.");
            if (ComputeHash(e.PreviousHash, e) != e.Hash)
                return Broken(count, e.Id, $"{e.Id:#,##0}번 기록의 내용이 해시와 맞지 않습니다: 기록된 뒤에 바뀌었습니다.");
            expectedPrevious = e.Hash;
            expectedId++;
            count++;
        }

        return new ChainStatus(count, true, null, $"정상: 기록 {count:#,##0}건의 해시 체인이 끊김 없이 이어집니다.", count == 0 ? null : expectedPrevious);
    }

    private static ChainStatus Broken(long verified, long id, string message) => new(verified, false, id, "변조 의심: " + message, null);

    private static string? Cut(string? value, int max) =>
        value is null || value.Length <= max ? value : string.Concat(value.AsSpan(0, max - 20), $"…({value.Length - max + 20:#,##0}자 생략)");
}
