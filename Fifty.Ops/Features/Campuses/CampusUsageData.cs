using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Periods;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Features.Campuses;

/// <summary>
/// A site with the opening facts every report taken together gives (a later report knows the real opening date). The
/// site's own 개소일 (<see cref="Campus.OpenedOn"/>, set up in the app) wins over the reports'; <see cref="ClosedOn"/> is
/// its 폐소일 (null while it operates).
/// </summary>
public sealed record CampusFacts(int Id, string Code, string Name, CampusKind Kind, int SortOrder, DateOnly? OpenedOn, bool NotYetOpen, string? OpenedRaw)
{
    public DateOnly? ClosedOn { get; init; }

    public string ShortName => CampusUsageData.ShortName(Name);
}

/// <summary>Per-metric totals of one campus (or of all): the four quarters and the year.</summary>
public sealed record MetricTotals(UsageMetric Metric, IReadOnlyList<UsageTotal> Quarters, UsageTotal Year)
{
    public static MetricTotals Of(IReadOnlyList<MonthlyUsage> months, UsageMetric metric, DueMonths due) =>
        new(metric, [.. Enumerable.Range(1, 4).Select(q => UsageAggregation.Quarter(months, metric, q, due))], UsageAggregation.Year(months, metric, due));

    public static MetricTotals Combine(UsageMetric metric, IEnumerable<MetricTotals> parts)
    {
        var list = parts.Where(p => p.Metric == metric).ToList();
        return new(metric, [.. Enumerable.Range(0, 4).Select(i => UsageAggregation.Combine(list.Select(p => p.Quarters[i])))],
            UsageAggregation.Combine(list.Select(p => p.Year)));
    }
}

/// <summary>Reads shared by the campus views and the entry service; each call runs on the caller's short-lived context.</summary>
internal static class CampusUsageData
{
    private const string NamePrefix = "서울시50플러스 ";

    public static string ShortName(string name) => name.StartsWith(NamePrefix, StringComparison.Ordinal) ? name[NamePrefix.Length..] : name;

    /// <summary>Every site in display order with its opening facts as the latest report states them (개소일, 운영형태), and its 폐소일.</summary>
    public static async Task<List<CampusFacts>> CampusesAsync(FiftyOpsDbContext db, CancellationToken ct)
    {
        var campuses = await SitesAsync(db, ct);
        var facts = await db.CampusFacilities.Select(f => new OpeningFacts(f.CampusId, f.ReportYear, f.OpenedOn, f.OpenedRaw, f.Status)).ToListAsync(ct);
        return Combine(campuses, facts);
    }

    public sealed record Site(int Id, string Code, string Name, CampusKind Kind, int SortOrder)
    {
        public DateOnly? OpenedOn { get; init; }
        public DateOnly? ClosedOn { get; init; }
    }

    public sealed record OpeningFacts(int CampusId, int ReportYear, DateOnly? OpenedOn, string? OpenedRaw, FacilityStatus Status);

    /// <summary>Every campus and centre in display order, with the 개소일/폐소일 set up for it (null: not set).</summary>
    public static Task<List<Site>> SitesAsync(FiftyOpsDbContext db, CancellationToken ct) =>
        db.Campuses.OrderBy(c => c.SortOrder).Select(c => new Site(c.Id, c.Code, c.Name, c.Kind, c.SortOrder) { OpenedOn = c.OpenedOn, ClosedOn = c.ClosedOn }).ToListAsync(ct);

    /// <summary>For a caller that already read the facility rows (the campus page reads them whole for its cards).</summary>
    public static List<CampusFacts> Combine(IEnumerable<Site> campuses, IReadOnlyCollection<OpeningFacts> facts) =>
        campuses.Select(c =>
        {
            var mine = facts.Where(f => f.CampusId == c.Id).OrderByDescending(f => f.ReportYear).ToList();
            var opened = c.OpenedOn ?? mine.FirstOrDefault(f => f.OpenedOn is not null)?.OpenedOn;
            var latest = mine.FirstOrDefault();
            return new CampusFacts(c.Id, c.Code, c.Name, c.Kind, c.SortOrder, opened,
                opened is null && latest?.Status == FacilityStatus.Planned, c.OpenedOn is null ? latest?.OpenedRaw : null) { ClosedOn = c.ClosedOn };
        }).ToList();

    /// <summary>The months of a year per campus, a planner's entry winning over a demo row; demo rows only when included.</summary>
    public static async Task<Dictionary<int, IReadOnlyList<MonthlyUsage>>> MonthsAsync(FiftyOpsDbContext db, int year, bool includeDemo, CancellationToken ct)
    {
        var rows = await db.CampusUsages.Where(u => u.Year == year && (includeDemo || !u.IsDemo))
            .Select(u => new
            {
                u.CampusId,
                Usage = new MonthlyUsage(u.Month, u.Visits, u.CourseParticipants, u.CounsellingCases, u.Communities, u.OccupiedSeats, u.IsDemo) { Version = u.Version },
            })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.CampusId).ToDictionary(g => g.Key, g => UsageAggregation.Merge(g.Select(r => r.Usage), includeDemo));
    }

    public sealed record OfficeSeats(int Year, int? CampusId, int? Seats);

    /// <summary>Shared-office seats per campus as the given year's report states them (no carrying over from other years).</summary>
    public static async Task<Dictionary<int, int?>> SeatsAsync(FiftyOpsDbContext db, int year, CancellationToken ct) =>
        SeatsOf(await db.SharedOffices.Where(s => s.Year == year).Select(s => new OfficeSeats(s.Year, s.CampusId, s.Seats)).ToListAsync(ct), year);

    /// <summary>The same rule for a caller that already read the shared-office rows.</summary>
    public static Dictionary<int, int?> SeatsOf(IEnumerable<OfficeSeats> rows, int year) =>
        rows.Where(s => s.Year == year && s.CampusId is not null).ToDictionary(s => s.CampusId!.Value, s => s.Seats);

    /// <summary>The last month a view expects figures for: the 기준일's month (the last complete one) for the period's year, else December.</summary>
    public static int CutoffMonth(PeriodDto? period, int year)
    {
        if (period is null || period.Year != year) return 12;
        var asOf = period.AsOf;
        return asOf.Day == DateTime.DaysInMonth(asOf.Year, asOf.Month) ? asOf.Month : asOf.Month - 1;
    }

    /// <summary>
    /// The one place a site's operating months are decided (entry form, campus page, report, import all read it).
    /// Months a campus owes a figure for: from its opening (the whole year for a site open before) to the cut-off or its
    /// closing (폐소일's month), whichever is earlier. <see cref="DueMonths.OpenFrom"/>..<see cref="DueMonths.OpenTo"/> are
    /// the months it operated at all: a figure stored outside them (before 개소일, after 폐소일) is not counted.
    /// </summary>
    public static DueMonths Due(CampusFacts campus, int year, int cutoffMonth)
    {
        // Not operating at all this year: the operating months say so (개소 전 / 폐소 후), none is due.
        if (campus.NotYetOpen) return DueMonths.None with { OpenFrom = 13, OpenTo = 12 };
        var (from, to) = OperatingMonths(campus, year);
        if (from > to) return DueMonths.None with { OpenFrom = from, OpenTo = to };
        var last = Math.Min(cutoffMonth, to);
        return from > last ? DueMonths.None with { OpenFrom = from, OpenTo = to } : new DueMonths(from, last) { OpenFrom = from, OpenTo = to };
    }

    /// <summary>First and last month of <paramref name="year"/> the site operated (13, 0 when not at all).</summary>
    public static (int From, int To) OperatingMonths(CampusFacts campus, int year)
    {
        var from = campus.OpenedOn switch
        {
            null => 1,
            { } d when d.Year > year => 13,
            { } d when d.Year == year => d.Month,
            _ => 1,
        };
        var to = campus.ClosedOn switch
        {
            null => 12,
            { } d when d.Year < year => 0,
            { } d when d.Year == year => d.Month,
            _ => 12,
        };
        return (from, to);
    }

    /// <summary>A campus takes entries for a year once it has opened by the year's end and had not closed before it began.</summary>
    public static bool OperatesIn(CampusFacts campus, int year) =>
        !campus.NotYetOpen && (campus.OpenedOn is null || campus.OpenedOn.Value.Year <= year) && (campus.ClosedOn is null || campus.ClosedOn.Value.Year >= year);
}
