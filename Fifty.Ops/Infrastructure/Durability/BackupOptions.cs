using Microsoft.Extensions.Options;

namespace Fifty.Ops.Infrastructure.Durability;

/// <summary>Settings under <c>Backup</c> (and <c>Database:BusyTimeoutMilliseconds</c>).</summary>
public sealed class BackupOptions
{
    public const string Section = "Backup";

    /// <summary>Scheduled backups on or off; an on-demand backup from /admin/backups works either way.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Hours between scheduled backups (fractions allowed, at least one minute).</summary>
    public double IntervalHours { get; set; } = 24;

    /// <summary>How many backups of each kind (scheduled, on demand) are kept; older ones are deleted.</summary>
    public int Keep { get; set; } = 14;

    /// <summary>Where backups go; default <c>backups/</c> beside the database file.</summary>
    public string? Folder { get; set; }

    /// <summary>
    /// On PostgreSQL: the folder of <c>pg_dump</c> and <c>pg_restore</c>; default the newest
    /// <c>/usr/lib/postgresql/*/bin</c>, else the PATH. Must be at least the server's major version.
    /// </summary>
    public string? PgBinFolder { get; set; }

    public TimeSpan Interval => TimeSpan.FromHours(IntervalHours);
}

public sealed class BackupOptionsValidator : IValidateOptions<BackupOptions>
{
    public ValidateOptionsResult Validate(string? name, BackupOptions options)
    {
        var errors = new List<string>();
        if (!(options.IntervalHours >= 1.0 / 60) || options.IntervalHours > 24 * 31)
            errors.Add($"Backup:IntervalHours는 1분(0.0167) 이상 744시간 이하여야 합니다 (현재 {options.IntervalHours}).");
        if (options.Keep is < 1 or > 1000)
            errors.Add($"Backup:Keep은 1 이상 1000 이하여야 합니다 (현재 {options.Keep}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
