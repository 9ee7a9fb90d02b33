using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Fifty.Ops.Infrastructure.Security;

namespace Fifty.Ops.Infrastructure.Durability;

public enum BackupKind { Scheduled, Manual }

public sealed record BackupFile(string Name, BackupKind Kind, DateTimeOffset CreatedAt, long SizeBytes, string? CreatedBy, string? IntegrityCheck);

/// <param name="File">The verified backup; null when it failed.</param>
/// <param name="Error">Why it failed, in Korean.</param>
public sealed record BackupResult(BackupFile? File, string? Error)
{
    public bool Succeeded => File is not null;
}

/// <param name="DatabasePath">The SQLite file, or on PostgreSQL <c>host:port/database</c>.</param>
/// <param name="Provider">SQLite (file copies, <c>.db</c>) or PostgreSQL (<c>pg_dump -Fc</c>, <c>.dump</c>).</param>
public sealed record BackupOverview(
    bool Available, string? UnavailableReason, string? DatabasePath, string? Folder, bool ScheduleEnabled, TimeSpan Interval, int Keep,
    DateTimeOffset? NextScheduledAt, IReadOnlyList<BackupFile> Files, Data.DatabaseProvider Provider = Data.DatabaseProvider.Sqlite);

/// <summary>Where the database lives, resolved once from the connection string.</summary>
/// <param name="FilePath">The SQLite database file; null for an in-memory database (nothing to back up) or PostgreSQL.</param>
/// <param name="Provider">SQLite (backup API) or PostgreSQL (<c>pg_dump</c>).</param>
public sealed record DatabaseLocation(string ConnectionString, string? FilePath, Data.DatabaseProvider Provider = Data.DatabaseProvider.Sqlite)
{
    public static DatabaseLocation From(Data.DatabaseSettings settings) =>
        settings.IsPostgres ? new DatabaseLocation(settings.ConnectionString, null, Data.DatabaseProvider.Postgres) : From(settings.ConnectionString);

    public static DatabaseLocation From(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var file = builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:"
            ? null
            : Path.GetFullPath(builder.DataSource);
        return new DatabaseLocation(connectionString, file);
    }
}

/// <summary>
/// On PostgreSQL (<see cref="DatabaseLocation.Provider"/>) the same schedule, names and checks with <c>pg_dump</c> in its
/// custom format (<c>.dump</c>, restored with <c>pg_restore</c>); the check is <c>pg_restore --list</c> reading the whole
/// archive's table of contents. The folder is <c>Backup:Folder</c> (default <c>data/backups</c> under the working
/// directory); several instances on several machines should point it at one shared folder.
/// </summary>
/// <summary>
/// Online backups with SQLite's backup API (<see cref="SqliteConnection.BackupDatabase(SqliteConnection)"/>): pages are
/// copied from a live connection while the app keeps serving, and writers are not blocked in WAL mode. Each copy is
/// written under a temporary name, switched to a single-file journal, checked with <c>PRAGMA integrity_check</c>, and
/// only then given its final name, so a backup that is listed is a backup that opens. Older copies beyond
/// <see cref="BackupOptions.Keep"/> are deleted, per kind.
/// </summary>
public sealed partial class BackupService(DatabaseLocation database, IOptions<BackupOptions> options, TimeProvider clock, ILogger<BackupService> logger, AccessGuard guard) : IDisposable
{
    public const string FilePrefix = "fifty-ops-";
    private const string TimeFormat = "yyyyMMdd'T'HHmmssfff'Z'";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Set by the scheduler: when it will next back up.</summary>
    public DateTimeOffset? NextScheduledAt { get; internal set; }

    private bool IsPostgres => database.Provider == Data.DatabaseProvider.Postgres;

    private string Extension => IsPostgres ? ".dump" : ".db";

    public string? Folder => options.Value.Folder is { Length: > 0 } configured && (IsPostgres || database.FilePath is not null) ? Path.GetFullPath(configured)
        : IsPostgres ? Path.GetFullPath(Path.Combine("data", "backups"))
        : database.FilePath is null ? null
        : Path.Combine(Path.GetDirectoryName(database.FilePath)!, "backups");

    public BackupOverview GetOverview()
    {
        var o = options.Value;
        var available = IsPostgres || database.FilePath is not null;
        return new BackupOverview(available, available ? null : "메모리 데이터베이스는 백업할 수 없습니다.",
            IsPostgres ? PostgresDump.Describe(database.ConnectionString) : database.FilePath, Folder, o.Enabled, o.Interval, o.Keep,
            o.Enabled ? NextScheduledAt : null, List(), database.Provider);
    }

    /// <summary>An on-demand backup by an administrator.</summary>
    public async Task<BackupResult> CreateAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (await guard.DemandAsync(user, Policies.CanAdminister, "백업 만들기", "Backup", "manual", ct) is { } refusal) return new BackupResult(null, refusal);
        return await BackupAsync(BackupKind.Manual, user.Identity?.Name is { Length: > 0 } name ? name : "(로그인 없음)", ct);
    }

    /// <summary>The scheduled backup (no user, no role check): as a manual backup, marked 예약 백업; scheduled backups beyond <see cref="BackupOptions.Keep"/> are deleted.</summary>
    public Task<BackupResult> CreateScheduledAsync(CancellationToken ct = default) => BackupAsync(BackupKind.Scheduled, "예약 백업", ct);

    public IReadOnlyList<BackupFile> List()
    {
        if (Folder is not { } folder || !Directory.Exists(folder)) return [];
        return Directory.EnumerateFiles(folder, FilePrefix + "*" + Extension)
            .Select(path => Describe(path, Extension.Length))
            .OfType<BackupFile>()
            .OrderByDescending(f => f.CreatedAt)
            .ToList();
    }

    /// <summary>A listed backup file for download; null for any name that is not one (no paths, no other files).</summary>
    public FileInfo? Find(string name)
    {
        if (Folder is not { } folder || name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal)) return null;
        var match = List().FirstOrDefault(f => f.Name == name);
        return match is null ? null : new FileInfo(Path.Combine(folder, match.Name));
    }

    /// <summary>Runs <c>PRAGMA integrity_check</c> on a database file; "ok" when sound.</summary>
    public static string IntegrityCheck(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read()) lines.Add(reader.GetString(0));
        return string.Join("; ", lines);
    }

    private async Task<BackupResult> BackupAsync(BackupKind kind, string by, CancellationToken ct)
    {
        if (Folder is not { } folder || (!IsPostgres && database.FilePath is null)) return new(null, "메모리 데이터베이스는 백업할 수 없습니다.");
        await _gate.WaitAsync(ct);
        try
        {
            if (IsPostgres) return await DumpAsync(kind, by, folder, ct);
            return await Task.Run(() => Backup(kind, by, folder), ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private BackupResult Backup(BackupKind kind, string by, string folder)
    {
        Directory.CreateDirectory(folder);
        var now = clock.GetUtcNow();
        var name = $"{FilePrefix}{now.ToString(TimeFormat, CultureInfo.InvariantCulture)}-{KindText(kind)}.db";
        var final = Path.Combine(folder, name);
        var partial = final + ".partial";
        try
        {
            using (var source = new SqliteConnection(database.ConnectionString))
            using (var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
            {
                source.Open();
                target.Open();
                source.BackupDatabase(target);
                // The copy carries the live database's WAL flag; a backup should be one self-contained file.
                using var command = target.CreateCommand();
                command.CommandText = "PRAGMA journal_mode=DELETE;";
                command.ExecuteNonQuery();
            }

            var check = IntegrityCheck(partial);
            if (check != "ok")
            {
                File.Delete(partial);
                LogBackupFailed(logger, null, name, check);
                return new(null, $"백업 파일 검사(integrity_check)에 실패해 백업을 버렸습니다: {check}");
            }

            File.Move(partial, final);
            File.WriteAllText(final + ".json", JsonSerializer.Serialize(new Sidecar(by, check), Json));
            Prune(folder, kind);
            LogBackupMade(logger, final);
            return new(Describe(final, 3), null);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            if (File.Exists(partial)) File.Delete(partial);
            LogBackupFailed(logger, ex, name, ex.Message);
            return new(null, $"백업하지 못했습니다: {ex.Message}");
        }
    }

    private async Task<BackupResult> DumpAsync(BackupKind kind, string by, string folder, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var name = $"{FilePrefix}{clock.GetUtcNow().ToString(TimeFormat, CultureInfo.InvariantCulture)}-{KindText(kind)}.dump";
        var final = Path.Combine(folder, name);
        var partial = final + ".partial";
        try
        {
            var error = await PostgresDump.DumpAsync(database.ConnectionString, partial, options.Value.PgBinFolder, ct);
            var check = error ?? await PostgresDump.CheckAsync(partial, options.Value.PgBinFolder, ct);
            if (error is not null || check != "ok")
            {
                if (File.Exists(partial)) File.Delete(partial);
                LogBackupFailed(logger, null, name, error ?? check);
                return new(null, error is not null ? $"pg_dump이 실패했습니다: {error}" : $"백업 파일 검사(pg_restore --list)에 실패해 백업을 버렸습니다: {check}");
            }

            File.Move(partial, final);
            await File.WriteAllTextAsync(final + ".json", JsonSerializer.Serialize(new Sidecar(by, check), Json), ct);
            Prune(folder, kind);
            LogBackupMade(logger, final);
            return new(Describe(final, Extension.Length), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            if (File.Exists(partial)) File.Delete(partial);
            LogBackupFailed(logger, ex, name, ex.Message);
            return new(null, $"백업하지 못했습니다: {ex.Message}");
        }
    }

    private void Prune(string folder, BackupKind kind)
    {
        foreach (var old in List().Where(f => f.Kind == kind).Skip(options.Value.Keep))
        {
            File.Delete(Path.Combine(folder, old.Name));
            File.Delete(Path.Combine(folder, old.Name + ".json"));
        }
    }

    private static BackupFile? Describe(string path, int extensionLength)
    {
        var name = Path.GetFileName(path);
        var stem = name[FilePrefix.Length..^extensionLength];
        var dash = stem.LastIndexOf('-');
        if (dash < 0) return null;
        if (!DateTimeOffset.TryParseExact(stem[..dash], TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return null;
        BackupKind? kind = stem[(dash + 1)..] switch { "scheduled" => BackupKind.Scheduled, "manual" => BackupKind.Manual, _ => null };
        if (kind is null) return null;
        Sidecar? sidecar = null;
        try
        {
            if (File.Exists(path + ".json")) sidecar = JsonSerializer.Deserialize<Sidecar>(File.ReadAllText(path + ".json"));
        }
        catch (JsonException)
        {
        }

        return new BackupFile(name, kind.Value, at, new FileInfo(path).Length, sidecar?.By, sidecar?.IntegrityCheck);
    }

    private static string KindText(BackupKind kind) => kind == BackupKind.Scheduled ? "scheduled" : "manual";

    public void Dispose() => _gate.Dispose();

    private sealed record Sidecar(string By, string IntegrityCheck);

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup written and checked: {Path}")]
    private static partial void LogBackupMade(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Backup {Name} failed: {Reason}")]
    private static partial void LogBackupFailed(ILogger logger, Exception? ex, string name, string reason);
}
