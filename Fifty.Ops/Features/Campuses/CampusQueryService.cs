using Fifty.Ops.Components;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Indicators;
using Fifty.Ops.Features.Periods;
using Fifty.Ops.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Features.Campuses;

/// <summary>A site's state at the period's 기준일; <see cref="Closed"/> once its 폐소일 has passed.</summary>
public enum CampusStatus { Operating, Planned, Commissioned, Unknown, Closed }

/// <param name="OlderFacts">Facts the latest report leaves out and an earlier report gives (e.g. "위치·연면적"), with that report's year.</param>
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
    string Source,
    string? OlderFacts = null,
    int? OlderFactsYear = null);

public sealed record SharedOfficeRow(string Campus, int? Seats, int? PrivateSeats, int? OpenSeats, decimal? AreaM2, int? Occupied, string? SeatsRaw,
    string? OccupancyRaw = null, bool IsTotal = false, bool IsComputedTotal = false)
{
    /// <summary>사용률 = occupied ÷ seats (the seat count is the denominator); null when either is not stated or seats are 0.</summary>
    public decimal? Occupancy => Campuses.Occupancy.Rate(Occupied, Seats);

    /// <summary>Whether the source's printed rate agrees with occupied ÷ seats; null when there is nothing to compare.</summary>
    public bool? StatedRateMatches => Campuses.Occupancy.StatedRateMatches(OccupancyRaw, Occupancy);
}

/// <summary>Occupied seats a planner recorded (latest month of the year) against the year's seat count.</summary>
public sealed record EnteredOccupancy(string Campus, string ShortName, int? Seats, int? Occupied, int? Month, bool IsDemo)
{
    public decimal? Rate => Occupancy.Rate(Occupied, Seats);
}

public sealed record SharedOfficeSection(int Year, IReadOnlyList<SharedOfficeRow> Rows, string? Source, IReadOnlyList<string> Notes,
    IReadOnlyList<EnteredOccupancy> Entered, int EnteredYear);

public sealed record ProgrammeResultRow(string Category, decimal? Target, decimal? Actual)
{
    public decimal? Rate => Fmt.Ratio(Actual, Target);
}

public sealed record UsageValue(int Year, string Raw, decimal? Value = null);

public sealed record UsageHistoryRow(string Indicator, string Unit, IReadOnlyList<UsageValue> Values);

/// <summary>One year's figure of a usage indicator as a report of a given 기준일 shows it.</summary>
/// <param name="Raw">The cell as printed or typed (e.g. <c>60,809</c>); <paramref name="Value"/> its number, null when it has none.</param>
/// <param name="AsOf">The figure's own 기준일 (a report's date, or the period a planner entered it for); null when the source states none.</param>
/// <param name="IsEntered">A planner's figure (입력), which wins over a report's of the same year.</param>
/// <param name="Source">"입력", or the report it was transcribed from ("2020년 9월 주요업무보고").</param>
public sealed record UsageTrendValue(int Year, string Raw, decimal? Value, DateOnly? AsOf, bool IsEntered, string Source);

public sealed record UsageTrendRow(string Indicator, string Unit, IReadOnlyList<UsageTrendValue> Values);

/// <summary>
/// The foundation-wide campus usage trend of a report (docs/decisions/0024): every year the database holds a 캠퍼스활성화
/// actual for, up to the report's <see cref="Year"/>, each value the one in force at the report's <see cref="AsOf"/> with
/// its own source and 기준일. <see cref="Years"/> always ends with the report's year, so a year without figures shows as
/// such instead of an older report's table passing for it.
/// </summary>
public sealed record UsageTrend(int Year, DateOnly AsOf, IReadOnlyList<int> Years, IReadOnlyList<UsageTrendRow> Rows)
{
    /// <summary>Whether any indicator has a figure for the report's own year.</summary>
    public bool HasReportYear => Rows.Any(r => r.Values.Any(v => v.Year == Year));

    /// <summary>The latest year with a figure; null when there is none.</summary>
    public int? LatestYear => Rows.SelectMany(r => r.Values).Select(v => (int?)v.Year).Max();

    /// <summary>The reports the values come from (entered values excluded), in the order of their years.</summary>
    public IReadOnlyList<string> Reports => [.. Rows.SelectMany(r => r.Values).Where(v => !v.IsEntered).OrderBy(v => v.Year).Select(v => v.Source).Distinct()];
}

/// <summary>The selected year's target of a foundation-wide usage indicator, the actual so far and the pace.</summary>
public sealed record UsageGoal(string Indicator, string Unit, string TargetRaw, decimal? Target, string? ActualRaw, decimal? Actual, DateOnly? AsOf, AchievementResult Result);

/// <summary>Per-campus monthly entries of a year summed into quarters and the year, with the all-campus total.</summary>
public sealed record CampusUsageSummary(int Year, int CutoffMonth, IReadOnlyList<CampusUsageLine> Campuses, IReadOnlyList<MetricTotals> Total, bool IncludesDemo, bool HasAnyEntry);

public sealed record CampusUsageLine(string Code, string Name, string ShortName, bool Operates, DueMonths Due, IReadOnlyList<MetricTotals> Metrics);

/// <summary>
/// Cost per use of one site: a budget amount (천원) over a usage count of the same period, in 원 per unit. When it
/// cannot be computed honestly, <see cref="Reason"/> says why and <see cref="PerUse"/> is null.
/// </summary>
public sealed record CostPerUse(
    string Campus, string Programme, string AmountBasis, decimal? Amount, string UseLabel, string UseUnit, decimal? Uses, string UseBasis,
    decimal? PerUse, string? Reason, string Source, bool IncludesDemo);

public sealed record CostSection(IReadOnlyList<CostPerUse> Rows, IReadOnlyList<string> Notes);

/// <param name="Trend">The report's usage trend (decision 0024); null in a report frozen before it existed, which keeps
/// printing <see cref="UsageHistory"/> as it did.</param>
public sealed record CampusOverview(
    PeriodDto? Period,
    int Year,
    IReadOnlyList<CampusCard> Cards,
    SharedOfficeSection SharedOffices,
    DateOnly? DowntownAsOf,
    IReadOnlyList<ProgrammeResultRow> DowntownResults,
    string? DowntownSource,
    IReadOnlyList<UsageHistoryRow> UsageHistory,
    DateOnly? UsageAsOf,
    IReadOnlyList<UsageGoal> Goals,
    CampusUsageSummary Usage,
    CostSection Cost,
    bool DemoEnabled,
    UsageTrend? Trend = null);

public sealed class CampusQueryService(IDbContextFactory<FiftyOpsDbContext> factory, PeriodService periods, SeedOptions seed)
{
    /// <summary>The indicator field whose rows are the foundation-wide campus usage figures.</summary>
    public const string CampusField = "캠퍼스활성화";

    /// <summary>
    /// The campus page for a period: one card per campus (주소, 연면적·관리면적 in ㎡, 개소일, 운영형태 as the latest report up
    /// to the year states them), the foundation-wide usage indicators of field <see cref="CampusField"/> (목표 vs 실적 by
    /// <see cref="Achievement"/>'s rule), the yearly usage history, the monthly usage summary (only planner-entered months, plus
    /// 예시 데이터 with <c>Seed:Demo</c>) and the campus cost section.
    /// </summary>
    /// <param name="year">Fiscal year; null for the latest period's. Without a period the 기준일 is 31 December of the year.</param>
    public async Task<CampusOverview> GetOverviewAsync(int? year, int? quarter, CancellationToken ct = default)
    {
        var (period, shownYear) = await periods.SelectAsync(year, quarter, ct);
        var asOf = period?.AsOf ?? new DateOnly(shownYear, 12, 31);
        await using var db = await factory.CreateDbContextAsync(ct);

        // One read per table: the page has many sections, and each extra round trip is paid on every render.
        var sites = await CampusUsageData.SitesAsync(db, ct);
        var facilities = await db.CampusFacilities
            .Select(f => new FacilityFacts(f.CampusId, f.ReportYear, f.OpenedOn, f.OpenedRaw, f.Status, f.Address, f.FloorAreaM2, f.ManagedAreaM2,
                f.FloorsRaw, f.MainRooms, f.Note, f.Source))
            .ToListAsync(ct);
        var campuses = CampusUsageData.Combine(sites, [.. facilities.Select(f => new CampusUsageData.OpeningFacts(f.CampusId, f.ReportYear, f.OpenedOn, f.OpenedRaw, f.Status))]);
        var cards = Cards(facilities, campuses, shownYear, asOf);

        var usage = await db.IndicatorValues
            .Where(v => v.Indicator!.Field == CampusField && v.Year <= shownYear)
            .OrderBy(v => v.Indicator!.SortOrder).ThenBy(v => v.Year)
            .Select(v => new UsageCell(v.Indicator!.Name, v.Indicator.Unit, v.Indicator.Direction, v.Indicator.CautionThreshold, v.Year, v.Kind, v.Raw, v.Value, v.AsOf, v.Source.Doc, v.ReportingPeriodId))
            .ToListAsync(ct);
        var actuals = usage.Where(u => u.Kind == IndicatorValueKind.Actual).ToList();
        var history = actuals.GroupBy(u => (u.Name, u.Unit))
            .Select(g => new UsageHistoryRow(g.Key.Name, g.Key.Unit, [.. g.Select(x => new UsageValue(x.Year, x.Raw, x.Value))]))
            .ToList();
        // The report's trend: per indicator and year the actual in force at the 기준일 (an entry over a report's figure,
        // nothing dated after the 기준일), each with its source and date; the report's own year always has a column.
        var trendRows = actuals.GroupBy(u => (u.Name, u.Unit))
            .Select(g => new UsageTrendRow(g.Key.Name, g.Key.Unit, [.. g.GroupBy(x => x.Year).OrderBy(y => y.Key)
                .Select(y => IndicatorCellChoice.InForce(y, x => x.AsOf, x => x.ReportingPeriodId is not null, asOf))
                .OfType<UsageCell>()
                .Select(x => new UsageTrendValue(x.Year, x.Raw, x.Value, x.AsOf, x.ReportingPeriodId is not null,
                    x.ReportingPeriodId is not null ? "입력" : SourceText.Describe(x.Doc) is { Length: > 0 } doc ? doc : "보고서"))]))
            .Where(r => r.Values.Count > 0)
            .ToList();
        var trend = new UsageTrend(shownYear, asOf, [.. trendRows.SelectMany(r => r.Values).Select(v => v.Year).Append(shownYear).Distinct().Order()], trendRows);
        var goals = usage.Where(u => u.Kind == IndicatorValueKind.Target && u.Year == shownYear)
            .Select(t =>
            {
                var a = actuals.FirstOrDefault(x => x.Name == t.Name && x.Year == shownYear);
                return new UsageGoal(t.Name, t.Unit, t.Raw, t.Value, a?.Raw, a?.Value, a?.AsOf,
                    Achievement.Evaluate(t.Value, a?.Value, a?.Raw, t.Direction, t.CautionThreshold, shownYear, a?.AsOf));
            })
            .ToList();

        var months = await CampusUsageData.MonthsAsync(db, shownYear, seed.Demo, ct);
        var cutoff = CampusUsageData.CutoffMonth(period, shownYear);
        var usageSummary = Summarise(campuses, months, shownYear, cutoff);

        var offices = await SharedOfficesAsync(db, campuses, months, shownYear, ct);

        var programmeResults = await db.CampusProgrammeResults.Where(r => r.Year == shownYear).OrderBy(r => r.SortOrder)
            .Select(r => new ProgrammeResultFacts(r.CampusId, r.AsOf, r.Source, new ProgrammeResultRow(r.Category, r.Target, r.Actual)))
            .ToListAsync(ct);

        var cost = await CostAsync(db, campuses, months, programmeResults, period, shownYear, cutoff, ct);

        return new CampusOverview(period, shownYear, cards, offices,
            programmeResults.FirstOrDefault()?.AsOf, [.. programmeResults.Select(d => d.Row)], programmeResults.FirstOrDefault()?.Source.ToString(),
            history, actuals.Max(u => u.AsOf), goals, usageSummary, cost, seed.Demo, trend);
    }

    private sealed record UsageCell(
        string Name, string Unit, Direction Direction, decimal? CautionThreshold, int Year, IndicatorValueKind Kind, string Raw, decimal? Value, DateOnly? AsOf,
        string Doc, int? ReportingPeriodId);

    private sealed record ProgrammeResultFacts(int CampusId, DateOnly AsOf, SourceRef Source, ProgrammeResultRow Row);

    private sealed record FacilityFacts(
        int CampusId, int ReportYear, DateOnly? OpenedOn, string? OpenedRaw, FacilityStatus Status, string? Address, decimal? FloorAreaM2,
        decimal? ManagedAreaM2, string? FloorsRaw, string? MainRooms, string? Note, SourceRef Source);

    private static List<CampusCard> Cards(List<FacilityFacts> facilities, List<CampusFacts> campuses, int shownYear, DateOnly asOf)
    {
        var cards = new List<CampusCard>();
        foreach (var c in campuses)
        {
            // A site closed (폐소일) before the year began is no facility of that year.
            if (c.ClosedOn is { } closed && closed < new DateOnly(shownYear, 1, 1)) continue;
            var mine = facilities.Where(x => x.CampusId == c.Id).OrderByDescending(x => x.ReportYear).ToList();
            // The most recent report at or before the year; a site first described later falls back to its earliest facts.
            var f = mine.FirstOrDefault(x => x.ReportYear <= shownYear) ?? mine.LastOrDefault();
            if (f is null) continue;
            var status = f.Status switch
            {
                // A commission stated by an older report may have ended since; say so rather than repeat it.
                FacilityStatus.Commissioned => f.ReportYear < shownYear ? CampusStatus.Unknown : CampusStatus.Commissioned,
                _ when f.OpenedOn is { } opened => opened <= asOf ? CampusStatus.Operating : CampusStatus.Planned,
                FacilityStatus.Planned => CampusStatus.Planned,
                // Open without a date: a report naming the site in operation (e.g. 도심권50플러스센터 고유사무 전환).
                FacilityStatus.Open => CampusStatus.Operating,
                _ => CampusStatus.Unknown,
            };
            // 폐소일 (yearly-cycle rule in docs/domain.md): a site closed by the 기준일 is shown as closed, whatever its last report said.
            if (c.ClosedOn is { } closedOn && closedOn <= asOf) status = CampusStatus.Closed;

            // A report that leaves a fact out (2023 prints no rooms; the downtown centre is only in its history) does not
            // erase it: the fact of the latest earlier report is shown, labelled with that report's year.
            var older = mine.Where(x => x.ReportYear < f.ReportYear).ToList();
            var borrowed = new List<string>();
            int? olderYear = null;
            FacilityFacts? From(Func<FacilityFacts, bool> has, string label)
            {
                var o = older.FirstOrDefault(has);
                if (o is null) return null;
                borrowed.Add(label);
                olderYear ??= o.ReportYear;
                return o;
            }

            var address = string.IsNullOrEmpty(f.Address) ? From(o => !string.IsNullOrEmpty(o.Address), "위치")?.Address : f.Address;
            var area = f.FloorAreaM2 ?? From(o => o.FloorAreaM2 is not null, "연면적")?.FloorAreaM2;
            var floors = string.IsNullOrEmpty(f.FloorsRaw) ? From(o => !string.IsNullOrEmpty(o.FloorsRaw), "규모")?.FloorsRaw : f.FloorsRaw;
            var rooms = string.IsNullOrEmpty(f.MainRooms) ? From(o => !string.IsNullOrEmpty(o.MainRooms), "주요시설")?.MainRooms : f.MainRooms;
            cards.Add(new CampusCard(c.Code, c.Name, c.Kind, status, f.OpenedOn, f.OpenedRaw, address, area,
                f.ManagedAreaM2, floors, rooms, f.Note, f.ReportYear, f.Source.ToString(),
                borrowed.Count == 0 ? null : string.Join("·", borrowed), olderYear));
        }

        return cards;
    }

    private static CampusUsageSummary Summarise(List<CampusFacts> campuses, Dictionary<int, IReadOnlyList<MonthlyUsage>> months, int year, int cutoff)
    {
        var lines = campuses.Select(c =>
        {
            var list = months.GetValueOrDefault(c.Id) ?? [];
            var due = CampusUsageData.Due(c, year, cutoff);
            return new CampusUsageLine(c.Code, c.Name, c.ShortName, CampusUsageData.OperatesIn(c, year), due,
                [.. UsageAggregation.Metrics.Select(m => MetricTotals.Of(list, m, due))]);
        }).ToList();
        var total = UsageAggregation.Metrics.Select(m => MetricTotals.Combine(m, lines.SelectMany(l => l.Metrics))).ToList();
        var includesDemo = months.Values.Any(l => l.Any(m => m.IsDemo));
        return new CampusUsageSummary(year, cutoff, lines, total, includesDemo, months.Values.Any(l => l.Count > 0));
    }

    private static async Task<SharedOfficeSection> SharedOfficesAsync(
        FiftyOpsDbContext db, List<CampusFacts> campuses, Dictionary<int, IReadOnlyList<MonthlyUsage>> months, int shownYear, CancellationToken ct)
    {
        // Every year's rows in one read (a handful per report): the year shown, and the seats the entries are checked against.
        var allOffices = await db.SharedOffices
            .OrderBy(s => s.Year).ThenBy(s => s.Campus == null ? 0 : 1).ThenBy(s => s.Campus!.SortOrder)
            .Select(s => new
            {
                s.Year,
                s.CampusId,
                Name = s.Campus == null ? "합계" : s.Campus.Name,
                s.Seats, s.PrivateSeats, s.OpenSeats, s.AreaM2, s.OccupiedSeats, s.SeatsRaw, s.OccupancyRaw, s.Note, s.Source,
            })
            .ToListAsync(ct);
        var officeYears = allOffices.Select(s => s.Year).Distinct().ToList();
        var officeYear = officeYears.Where(y => y <= shownYear).DefaultIfEmpty(officeYears.DefaultIfEmpty(shownYear).Min()).Max();
        var offices = allOffices.Where(s => s.Year == officeYear).ToList();

        var perCampus = offices.Where(o => o.CampusId != null)
            .Select(o => new SharedOfficeRow(o.Name, o.Seats, o.PrivateSeats, o.OpenSeats, o.AreaM2, o.OccupiedSeats, o.SeatsRaw, o.OccupancyRaw))
            .ToList();
        var stated = offices.FirstOrDefault(o => o.CampusId == null);
        var rows = new List<SharedOfficeRow>();
        var notes = new List<string>();
        if (stated is { Seats: not null })
        {
            rows.Add(new SharedOfficeRow("합계", stated.Seats, stated.PrivateSeats, stated.OpenSeats, stated.AreaM2, stated.OccupiedSeats, stated.SeatsRaw,
                stated.OccupancyRaw, IsTotal: true));
            var sum = perCampus.Sum(r => r.Seats ?? 0);
            if (perCampus.Count > 0 && sum != stated.Seats)
            {
                notes.Add($"원자료의 합계 좌석 {Fmt.Number(stated.Seats)}석이 캠퍼스별 좌석의 합 {Fmt.Number(sum)}석과 다릅니다 (원자료대로 표시).");
            }
        }
        else if (perCampus.Count > 0)
        {
            // The source states no total: the sum is ours, and says so.
            rows.Add(new SharedOfficeRow("합계 (캠퍼스별 합산)", perCampus.Sum(r => r.Seats), SumOrNull(perCampus.Select(r => r.PrivateSeats)),
                SumOrNull(perCampus.Select(r => r.OpenSeats)), perCampus.Sum(r => r.AreaM2), null, null, IsTotal: true, IsComputedTotal: true));
        }

        rows.AddRange(perCampus);
        if (stated?.Note is { Length: > 0 } note)
        {
            notes.Add($"원자료: {note}" + (stated.Seats is null ? " (입주 인원·팀 수이며 좌석 수가 아니어서 사용률 계산에 쓰지 않습니다)" : ""));
        }

        var seats = CampusUsageData.SeatsOf(allOffices.Select(s => new CampusUsageData.OfficeSeats(s.Year, s.CampusId, s.Seats)), shownYear);
        var entered = campuses.Where(c => c.Kind == CampusKind.Campus && (seats.ContainsKey(c.Id) || months.ContainsKey(c.Id)))
            .Select(c =>
            {
                var latest = (months.GetValueOrDefault(c.Id) ?? []).LastOrDefault(m => m.OccupiedSeats is not null);
                return new EnteredOccupancy(c.Name, c.ShortName, seats.GetValueOrDefault(c.Id), latest?.OccupiedSeats, latest?.Month, latest?.IsDemo ?? false);
            })
            .Where(e => e.Occupied is not null)
            .ToList();

        return new SharedOfficeSection(officeYear, rows, offices.FirstOrDefault(o => o.CampusId != null)?.Source.ToString() ?? stated?.Source.ToString(),
            notes, entered, shownYear);
    }

    private static int? SumOrNull(IEnumerable<int?> values)
    {
        var list = values.ToList();
        return list.Any(v => v is null) ? null : list.Sum();
    }

    private static async Task<CostSection> CostAsync(
        FiftyOpsDbContext db, List<CampusFacts> campuses, Dictionary<int, IReadOnlyList<MonthlyUsage>> months, List<ProgrammeResultFacts> programmeResults,
        PeriodDto? period, int year, int cutoff, CancellationToken ct)
    {
        var links = await db.CampusBudgetLinks.Where(l => l.ProgrammeNode!.Year == year)
            .Select(l => new { l.CampusId, l.ProgrammeNodeId, Programme = l.ProgrammeNode!.Name, l.Role, l.Source })
            .ToListAsync(ct);
        var nodeIds = links.Select(l => l.ProgrammeNodeId).ToList();
        var lines = await db.BudgetLines.Where(b => b.ProgrammeNodeId != null && nodeIds.Contains(b.ProgrammeNodeId.Value))
            .Select(b => new { NodeId = b.ProgrammeNodeId!.Value, b.Section, b.RowInSection, b.CurrentBudget, b.Disbursed, b.ReportingPeriod!.AsOf })
            .ToListAsync(ct);
        var results = programmeResults.Where(r => r.Row.Category == "합계").Select(r => new { r.CampusId, r.AsOf, r.Row.Target, r.Row.Actual }).ToList();

        var rows = new List<CostPerUse>();
        var notes = new List<string>();
        foreach (var link in links.Where(l => l.Role == CampusBudgetRole.Opening))
        {
            var c = campuses.First(x => x.Id == link.CampusId);
            var amount = lines.Where(b => b.NodeId == link.ProgrammeNodeId).OrderBy(b => b.Section).Select(b => b.CurrentBudget).FirstOrDefault();
            notes.Add($"{c.ShortName}: '{link.Programme}' {Fmt.Amount(amount)}천원은 개관 준비 예산이어서 이용 1인당 비용에 쓰지 않습니다 (출처: {link.Source}).");
        }

        foreach (var link in links.Where(l => l.Role == CampusBudgetRole.Operation))
        {
            var c = campuses.First(x => x.Id == link.CampusId);
            var source = link.Source.ToString();
            // The appendix states amounts as of the 기준일; a project table or 소요예산 comes next.
            var line = lines.Where(b => b.NodeId == link.ProgrammeNodeId && (period is null || b.AsOf == period.AsOf))
                .OrderBy(b => b.Section).ThenBy(b => b.RowInSection).FirstOrDefault();
            var budgetBasis = line?.Section == BudgetSection.RequiredBudget ? "소요예산 (연간)" : "예산현액 (연간)";
            var result = results.FirstOrDefault(r => r.CampusId == link.CampusId);

            // Plan: the year's budget over the year's target — both cover the whole year.
            if (result?.Target is { } target)
            {
                rows.Add(new CostPerUse(c.ShortName, link.Programme, budgetBasis, line?.CurrentBudget, "이용 인원 (목표 합계)", "명", target, "연간 목표",
                    PerUse(line?.CurrentBudget, target), line?.CurrentBudget is null ? "예산 금액이 원자료에 없습니다." : null, source, false));
            }

            // Actual: spending to the 기준일 over usage to the same 기준일 — never an annual budget over a partial year.
            var disbursed = line?.Disbursed;
            var asOfText = period is null ? "" : Fmt.AsOf(period.AsOf);
            if (result?.Actual is { } actual)
            {
                rows.Add(new CostPerUse(c.ShortName, link.Programme, $"지출액 ({asOfText})", disbursed, "이용 인원 (실적 합계)", "명", actual,
                    $"실적 ({Fmt.AsOf(result.AsOf)})", disbursed is null ? null : PerUse(disbursed, actual),
                    disbursed is null ? $"같은 기간의 지출액이 원자료에 없어 산출하지 않습니다 (연간 예산을 {result.AsOf.Month}월까지의 실적으로 나누면 과대 계산됩니다)." : null,
                    source, false));
            }

            var list = months.GetValueOrDefault(link.CampusId) ?? [];
            var due = CampusUsageData.Due(c, year, cutoff);
            foreach (var metric in new[] { UsageMetric.Visits, UsageMetric.CounsellingCases })
            {
                var total = UsageAggregation.Aggregate(list, metric, 1, cutoff, due);
                string? reason = disbursed is null ? "같은 기간의 지출액이 원자료에 없습니다."
                    : total.Value is null ? "월별 이용 자료가 입력되지 않았습니다."
                    : total.IsPartial ? $"자료 미입력 {total.MissingMonths}개월: 모든 달이 입력되어야 산출합니다."
                    : total.Value == 0 ? "이용 실적이 0이어서 나눌 수 없습니다." : null;
                rows.Add(new CostPerUse(c.ShortName, link.Programme, $"지출액 ({asOfText})", disbursed,
                    $"{UsageAggregation.Label(metric)} (월별 입력 1~{cutoff}월)", UsageAggregation.Unit(metric), total.Value, "월별 입력 합계",
                    reason is null ? PerUse(disbursed, total.Value) : null, reason, source, total.IncludesDemo));
            }
        }

        if (period is null || period.Year != year)
        {
            notes.Insert(0, $"{year}년 보고서가 없어 예산과 이용을 견줄 수 없습니다.");
        }
        else if (links.All(l => l.Role != CampusBudgetRole.Operation))
        {
            notes.Insert(0, $"{year}년 보고서에는 한 캠퍼스의 운영 예산으로 명시된 예산 행이 없습니다. 캠퍼스 예산이 사업별(교육·상담·일자리 등)로 "
                + "나뉘어 재단 전체로만 적혀 있어, 캠퍼스별 방문 1인당·상담 1건당 비용을 계산할 수 없습니다. 캠퍼스와 예산 행을 잇는 근거가 "
                + "원자료에 생기면 출처와 함께 연결해 계산합니다.");
        }

        return new CostSection(rows, notes);
    }

    /// <summary>천원 over a count, in 원 per unit, rounded to the won.</summary>
    private static decimal? PerUse(decimal? amountThousandWon, decimal? uses) =>
        amountThousandWon is null || uses is null || uses == 0 ? null : Math.Round(amountThousandWon.Value * 1000m / uses.Value, 0, MidpointRounding.AwayFromZero);
}
