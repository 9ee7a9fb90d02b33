using Fifty.Ops.Data;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Features.Periods;

public sealed record PeriodDto(int Year, int Quarter, DateOnly AsOf, string Label, bool IsClosed)
{
    public string Name => $"{Year}년 {Quarter}분기";
}

public sealed class PeriodService(IDbContextFactory<FiftyOpsDbContext> factory)
{
    public async Task<IReadOnlyList<PeriodDto>> GetAllAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ReportingPeriods
            .OrderByDescending(p => p.Year).ThenByDescending(p => p.Quarter)
            .Select(p => new PeriodDto(p.Year, p.Quarter, p.AsOf, p.Label, p.IsClosed))
            .ToListAsync(ct);
    }

    /// <summary>The period a view shows and the fiscal year it stands for (the asked year when it has no period).</summary>
    public async Task<(PeriodDto? Period, int Year)> SelectAsync(int? year, int? quarter, CancellationToken ct = default)
    {
        var period = Resolve(await GetAllAsync(ct), year, quarter);
        return (period, period?.Year ?? year ?? DateTime.Today.Year);
    }

    /// <summary>
    /// The period a view shows: the one asked for, else the latest quarter of the asked year, else the latest of all.
    /// Null only when the database holds no period.
    /// </summary>
    public static PeriodDto? Resolve(IReadOnlyList<PeriodDto> periods, int? year, int? quarter) =>
        periods.FirstOrDefault(p => p.Year == year && p.Quarter == quarter)
        ?? periods.FirstOrDefault(p => p.Year == year)
        ?? (year is null ? (periods.Count > 0 ? periods[0] : null) : null);
}
