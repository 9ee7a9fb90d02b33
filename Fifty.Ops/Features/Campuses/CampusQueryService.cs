using Fifty.Ops.Components;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Periods;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Features.Campuses;

public enum CampusStatus { Operating, Planned, Commissioned, Unknown }

public sealed record CampusCard(
    string Code,
    string Name,
    CampusKind Kind,
    CampusStatus Status,
    DateOnly? OpenedOn,
    string? OpenedRaw,
    string? Address,
    decimal? FloorAreaM2,
    decimal? ManagedAreaM2,
    string? Floors,
    string? MainRooms,
    string? Note,
    int FactsYear,
    string Source);

public sealed record SharedOfficeRow(string Campus, int? Seats, int? PrivateSeats, int? OpenSeats, decimal? AreaM2, int? Occupied, string? SeatsRaw)
{
    /// <summary>사용률 = occupied ÷ seats (the seat count is the denominator); null when either is not stated.</summary>
    public decimal? Occupancy => Fmt.Ratio(Occupied, Seats);
}

public sealed record ProgrammeResultRow(string Category, decimal? Target, decimal? Actual)
{
    public decimal? Rate => Fmt.Ratio(Actual, Target);
}

public sealed record UsageValue(int Year, string Raw);

public sealed record UsageHistoryRow(string Indicator, string Unit, IReadOnlyList<UsageValue> Values);

public sealed record CampusOverview(
    PeriodDto? Period,
    int Year,
    IReadOnlyList<CampusCard> Cards,
    int SharedOfficeYear,
    IReadOnlyList<SharedOfficeRow> SharedOffices,
    string? SharedOfficeSource,
    DateOnly? DowntownAsOf,
    IReadOnlyList<ProgrammeResultRow> DowntownResults,
    IReadOnlyList<UsageHistoryRow> UsageHistory,
    DateOnly? UsageAsOf);

public sealed class CampusQueryService(IDbContextFactory<FiftyOpsDbContext> factory, PeriodService periods)
{
    /// <summary>The indicator field whose rows are the foundation-wide campus usage figures.</summary>
    public const string CampusField = "캠퍼스활성화";

    public async Task<CampusOverview> GetOverviewAsync(int? year, int? quarter, CancellationToken ct = default)
    {
        var (period, shownYear) = await periods.SelectAsync(year, quarter, ct);
        var asOf = period?.AsOf ?? new DateOnly(shownYear, 12, 31);
        await using var db = await factory.CreateDbContextAsync(ct);

        var campuses = await db.Campuses.OrderBy(c => c.SortOrder).Select(c => new { c.Id, c.Code, c.Name, c.Kind }).ToListAsync(ct);
        var facilities = await db.CampusFacilities
            .Select(f => new
            {
                f.CampusId, f.ReportYear, f.OpenedOn, f.OpenedRaw, f.Status, f.Address, f.FloorAreaM2, f.ManagedAreaM2,
                f.FloorsRaw, f.MainRooms, f.Note, f.Source,
            })
            .ToListAsync(ct);

        var cards = new List<CampusCard>();
        foreach (var c in campuses)
        {
            // The most recent report at or before the year; a site first described later falls back to its earliest facts.
            var f = facilities.Where(x => x.CampusId == c.Id && x.ReportYear <= shownYear).MaxBy(x => x.ReportYear)
                    ?? facilities.Where(x => x.CampusId == c.Id).MinBy(x => x.ReportYear);
            if (f is null) continue;
            var status = f.Status switch
            {
                // A commission stated by an older report may have ended since; say so rather than repeat it.
                FacilityStatus.Commissioned => f.ReportYear < shownYear ? CampusStatus.Unknown : CampusStatus.Commissioned,
                _ when f.OpenedOn is { } opened => opened <= asOf ? CampusStatus.Operating : CampusStatus.Planned,
                FacilityStatus.Planned => CampusStatus.Planned,
                _ => CampusStatus.Unknown,
            };
            cards.Add(new CampusCard(c.Code, c.Name, c.Kind, status, f.OpenedOn, f.OpenedRaw, f.Address, f.FloorAreaM2, f.ManagedAreaM2,
                f.FloorsRaw, f.MainRooms, f.Note, f.ReportYear, f.Source.ToString()));
        }

        var officeYears = await db.SharedOffices.Select(s => s.Year).Distinct().ToListAsync(ct);
        var officeYear = officeYears.Where(y => y <= shownYear).DefaultIfEmpty(officeYears.DefaultIfEmpty(shownYear).Min()).Max();
        var offices = await db.SharedOffices.Where(s => s.Year == officeYear)
            .OrderBy(s => s.Campus == null ? 0 : 1).ThenBy(s => s.Campus!.SortOrder)
            .Select(s => new
            {
                Row = new SharedOfficeRow(s.Campus == null ? "합계" : s.Campus.Name, s.Seats, s.PrivateSeats, s.OpenSeats, s.AreaM2, s.OccupiedSeats, s.SeatsRaw),
                s.Source,
            })
            .ToListAsync(ct);

        var downtown = await db.CampusProgrammeResults.Where(r => r.Year == shownYear).OrderBy(r => r.SortOrder)
            .Select(r => new { r.AsOf, Row = new ProgrammeResultRow(r.Category, r.Target, r.Actual) })
            .ToListAsync(ct);

        var usage = await db.IndicatorValues
            .Where(v => v.Indicator!.Field == CampusField && v.Kind == IndicatorValueKind.Actual && v.Year <= shownYear)
            .OrderBy(v => v.Indicator!.SortOrder).ThenBy(v => v.Year)
            .Select(v => new { v.Indicator!.Name, v.Indicator.Unit, v.Year, v.Raw, v.AsOf })
            .ToListAsync(ct);
        var history = usage.GroupBy(u => (u.Name, u.Unit))
            .Select(g => new UsageHistoryRow(g.Key.Name, g.Key.Unit, g.Select(x => new UsageValue(x.Year, x.Raw)).ToList()))
            .ToList();

        return new CampusOverview(period, shownYear, cards, officeYear, offices.Select(o => o.Row).ToList(),
            offices.FirstOrDefault()?.Source.ToString(), downtown.FirstOrDefault()?.AsOf, downtown.Select(d => d.Row).ToList(), history, usage.Max(u => u.AsOf));
    }
}
