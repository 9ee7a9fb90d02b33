using System.Diagnostics;
using Npgsql;

namespace Fifty.Ops.Infrastructure.Durability;

/// <summary>
/// <c>pg_dump -Fc</c> and <c>pg_restore</c> run as child processes with the app's connection settings (the password goes
/// through <c>PGPASSWORD</c>, never the command line).
/// </summary>
public static class PostgresDump
{
    /// <summary><c>host:port/database</c> of a connection string, for the backup page.</summary>
    public static string Describe(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{b.Host}:{b.Port}/{b.Database}";
    }

    /// <summary>The folder holding pg_dump/pg_restore: the setting, else the newest Debian server's, else null (PATH).</summary>
    public static string? BinFolder(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        const string debian = "/usr/lib/postgresql";
        if (!Directory.Exists(debian)) return null;
        return Directory.EnumerateDirectories(debian)
            .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
            .Where(d => File.Exists(Path.Combine(d.Dir, "pg_dump")))
            .OrderByDescending(d => d.Version)
            .Select(d => d.Dir)
            .FirstOrDefault();
    }

    /// <summary>Dumps the database of <paramref name="connectionString"/> to <paramref name="file"/>; null when done, else the error.</summary>
    public static Task<string?> DumpAsync(string connectionString, string file, string? binFolder, CancellationToken ct) =>
        RunAsync("pg_dump", binFolder, connectionString, ["--format=custom", "--no-owner", "--file", file], ct);

    /// <summary>"ok" when <c>pg_restore --list</c> reads the whole archive, else its error.</summary>
    public static async Task<string> CheckAsync(string file, string? binFolder, CancellationToken ct) =>
        await RunAsync("pg_restore", binFolder, null, ["--list", file], ct) ?? "ok";

    /// <summary>Restores a dump into the (empty) database of <paramref name="connectionString"/>; null when done, else the error.</summary>
    public static Task<string?> RestoreAsync(string connectionString, string file, string? binFolder, CancellationToken ct) =>
        RunAsync("pg_restore", binFolder, connectionString, ["--no-owner", "--exit-on-error", "--single-transaction", file], ct);

    private static async Task<string?> RunAsync(string tool, string? binFolder, string? connectionString, string[] arguments, CancellationToken ct)
    {
        var folder = BinFolder(binFolder);
        var start = new ProcessStartInfo(folder is null ? tool : Path.Combine(folder, tool))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (connectionString is not null)
        {
            var b = new NpgsqlConnectionStringBuilder(connectionString);
            start.Environment["PGHOST"] = b.Host;
            start.Environment["PGPORT"] = b.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            start.Environment["PGDATABASE"] = b.Database;
            if (b.Username is { Length: > 0 } user) start.Environment["PGUSER"] = user;
            if (b.Password is { Length: > 0 } password) start.Environment["PGPASSWORD"] = password;
            if (tool == "pg_restore") start.ArgumentList.Add("--dbname=" + b.Database);
        }

        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new IOException($"{tool}을(를) 시작하지 못했습니다.");
        var stderr = process.StandardError.ReadToEndAsync(ct);
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        await stdout;
        var error = (await stderr).Trim();
        return process.ExitCode == 0 ? null : $"{tool} 종료 코드 {process.ExitCode}: {error}";
    }
}
