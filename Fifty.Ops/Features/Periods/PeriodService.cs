using Fifty.Ops.Data;
using Microsoft.EntityFrameworkCore;
using Fifty.Ops.Domain;
using Fifty.Ops.Infrastructure;
using Fifty.Ops.Infrastructure.Caching;

namespace Fifty.Ops.Features.Periods;

public sealed record PeriodDto(int Year, int Quarter, DateOnly AsOf, string Label, bool IsClosed)
{
    public string Name => $"{Year}년 {Quarter}분기";
}

/// <summary>
/// The reporting periods, which every view resolves its year and quarter against. The short list is kept for a few
/// seconds so one page — the layout's selector and each feature service — reads it once, and it is dropped at once
/// when the app saves a change to a period, on every instance (<see cref="ReferenceCacheInvalidator"/>). Writes never
/// rely on it: whether a period is closed is checked inside the writing transaction.
/// </summary>
public sealed class PeriodService(IDbContextFactory<FiftyOpsDbContext> factory, TimeProvider clock) : ReferenceCache<IReadOnlyList<PeriodDto>>(clock)
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(5);

    private static readonly Type[] PeriodRows = [typeof(ReportingPeriod)];

    public PeriodService(IDbContextFactory<FiftyOpsDbContext> factory) : this(factory, TimeProvider.System)
    {
    }

    public override string Name => "periods";

    public override IReadOnlyCollection<Type> Sources => PeriodRows;

    /// <summary>How long the list is kept (<c>Periods:CacheSeconds</c>; default <see cref="CacheLifetime"/>).</summary>
    public override TimeSpan Lifetime { get; init; } = CacheLifetime;

    /// <summary>
    /// The fiscal year a view stands for when nothing names one (no period asked for, none in the database): the
    /// current year in Korea time, from the injected clock.
    /// </summary>
    public int ThisYear => Clock.KoreaNow().Year;

    /// <summary>Every reporting period, latest first (year, then quarter, descending); empty when none exists. Kept for <see cref="Lifetime"/>.</summary>
    public Task<IReadOnlyList<PeriodDto>> GetAllAsync(CancellationToken ct = default) => GetOrLoadAsync(async token =>
    {
        await using var db = await factory.CreateDbContextAsync(token);
        return await db.ReportingPeriods
            .OrderByDescending(p => p.Year).ThenByDescending(p => p.Quarter)
            .Select(p => new PeriodDto(p.Year, p.Quarter, p.AsOf, p.Label, p.IsClosed))
            .ToListAsync(token);
    }, ct);

    /// <summary>The period a view shows and the fiscal year it stands for (the asked year when it has no period).</summary>
    public async Task<(PeriodDto? Period, int Year)> SelectAsync(int? year, int? quarter, CancellationToken ct = default)
    {
        var period = Resolve(await GetAllAsync(ct), year, quarter);
        return (period, period?.Year ?? year ?? ThisYear);
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
