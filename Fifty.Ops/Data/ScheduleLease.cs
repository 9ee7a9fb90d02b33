using Fifty.Ops.Domain;

namespace Fifty.Ops.Data;

/// <summary>
/// One row per piece of scheduled work (<c>backup</c>): when it last ran and which instance ran it. Several app instances
/// on one database each wake up on their schedule, but only the one whose conditional UPDATE moves
/// <see cref="LastRunUnixMs"/> forward does the work (<see cref="Infrastructure.Durability.ScheduleLeases"/>).
/// Times are Unix milliseconds so both providers compare them as integers.
/// </summary>
[NotAudited]
public sealed class ScheduleLease
{
    /// <summary>The work's name, e.g. <c>backup</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The instance that ran it last (machine name and process id); empty before the first run.</summary>
    public string Holder { get; set; } = "";

    /// <summary>When it last started (Unix ms, UTC); 0 before the first run.</summary>
    public long LastRunUnixMs { get; set; }
}
