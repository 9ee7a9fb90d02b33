using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Bench;

/// <summary>
/// Deterministic scale data for benchmarks: 10 fiscal years × 4 quarters, about 600 detailed projects a year in the
/// three-level hierarchy, 200 indicators, 6 campuses × 12 months of usage and narratives. Every row says it is
/// generated (source "generated:scale-data", labels "[생성]"), and it is written only into a database the benchmark
/// creates, never into seed-data/.
/// </summary>
public static class ScaleData
{
    public const int FirstYear = 2010;
    public const int Years = 10;
    public const int PolicyAreas = 6;
    public const int UnitsPerArea = 10;
    public const int DetailsPerUnit = 10;
    public const int IndicatorsPerYear = 20;
    private static readonly SourceRef Generated = new("generated:scale-data", "규모 시험용 생성 자료 (실제 보고서 아님)");

    public sealed record Summary(int Periods, int ProgrammeNodes, int BudgetLines, int Projects, int Narratives, int Indicators, int IndicatorValues, int UsageRows);

    public static async Task<Summary> AddAsync(FiftyOpsDbContext db, CancellationToken ct = default)
    {
        var random = new Random(2026);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var campuses = await db.Campuses.AsTracking().OrderBy(c => c.SortOrder).ToListAsync(ct);
        int periods = 0, nodes = 0, lines = 0, projects = 0, narratives = 0, indicators = 0, values = 0, usage = 0;

        for (var year = FirstYear; year < FirstYear + Years; year++)
        {
            var yearPeriods = Enumerable.Range(1, 4).Select(q => new ReportingPeriod
            {
                Year = year,
                Quarter = q,
                AsOf = new DateOnly(year, q * 3, DateTime.DaysInMonth(year, q * 3)),
                Label = $"[생성] {year}년 {q}분기 규모 시험 자료",
                IsClosed = true,
            }).ToList();
            db.ReportingPeriods.AddRange(yearPeriods);
            await db.SaveChangesAsync(ct); // narratives refer to the periods by id
            periods += 4;

            var total = Node(year, "T", null, 0, ProgrammeKind.Total, "소계", 1);
            var costs = Node(year, "P", total, 1, ProgrammeKind.ProgrammeCosts, "사업비소계", 2);
            var sort = 3;
            var all = new List<ProgrammeNode> { total, costs };
            var details = new List<ProgrammeNode>();
            for (var a = 1; a <= PolicyAreas; a++)
            {
                var area = Node(year, $"P{a}", costs, 2, ProgrammeKind.PolicyArea, $"[생성] 정책 {a}", sort++);
                all.Add(area);
                for (var u = 1; u <= UnitsPerArea; u++)
                {
                    var unit = Node(year, $"P{a}.{u}", area, 3, ProgrammeKind.UnitProject, $"[생성] 단위사업 {a}-{u}", sort++);
                    all.Add(unit);
                    for (var d = 1; d <= DetailsPerUnit; d++)
                    {
                        var detail = Node(year, $"P{a}.{u}.{d}", unit, 4, ProgrammeKind.DetailedProject, $"[생성] 세부사업 {a}-{u}-{d}", sort++);
                        detail.Funding = d % 7 == 0 ? FundingSource.Subsidy : FundingSource.Contribution;
                        all.Add(detail);
                        details.Add(detail);
                    }
                }
            }

            db.ProgrammeNodes.AddRange(all);
            nodes += all.Count;

            // Amounts: detailed projects get figures; parents are their sums, so the generated data reconciles.
            var budget = details.ToDictionary(d => d, _ => (decimal)random.Next(20_000, 900_000));
            foreach (var period in yearPeriods)
            {
                var share = period.Quarter / 4m;
                var disbursed = details.ToDictionary(d => d, d => Math.Round(budget[d] * share * (decimal)(0.6 + random.NextDouble() * 0.5), 0));
                foreach (var d in details)
                {
                    disbursed[d] = Math.Min(disbursed[d], budget[d]);
                }

                var row = 0;
                foreach (var n in all)
                {
                    var leaves = n.Kind == ProgrammeKind.DetailedProject ? [n] : details.Where(d => IsUnder(d, n)).ToList();
                    var current = leaves.Sum(l => budget[l]);
                    var spent = leaves.Sum(l => disbursed[l]);
                    db.BudgetLines.Add(new BudgetLine
                    {
                        ReportingPeriod = period, ProgrammeNode = n, Section = BudgetSection.Appendix, RowInSection = ++row, NameInSource = n.Name,
                        CurrentBudget = current, Original = current, Supplementary = 0, Transfers = 0, Disbursed = spent, Source = Generated,
                    });
                    lines++;
                    if (n.Kind == ProgrammeKind.DetailedProject)
                    {
                        var committed = Math.Min(current, spent + Math.Round(current * 0.1m, 0));
                        db.BudgetLines.Add(new BudgetLine
                        {
                            ReportingPeriod = period, ProgrammeNode = n, Section = BudgetSection.ProjectTable, RowInSection = row, NameInSource = n.Name,
                            CurrentBudget = current, Committed = committed, Disbursed = spent, Forecast = Math.Min(current, Math.Round(current * 0.95m, 0)),
                            Source = Generated,
                        });
                        lines++;
                    }
                }
            }

            // One project block per unit project (60 a year), with narratives for every quarter.
            var yearProjects = new List<Project>();
            foreach (var unit in all.Where(n => n.Kind == ProgrammeKind.UnitProject))
            {
                var area = int.Parse(unit.Code[1..unit.Code.IndexOf('.', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
                var project = new Project
                {
                    Year = year, Code = "J" + unit.Code[1..], AreaNo = area, AreaName = $"[생성] 정책 {area}", GroupName = unit.Name,
                    Title = unit.Name.Replace("단위사업", "사업", StringComparison.Ordinal), Summary = "규모 시험용으로 생성한 사업입니다.",
                    ProgrammeCodes = details.Where(d => d.Parent == unit).Select(d => d.Code).ToList(), SortOrder = yearProjects.Count + 1,
                    RequiredBudget = details.Where(d => d.Parent == unit).Sum(d => budget[d]), Source = Generated,
                };
                yearProjects.Add(project);
                foreach (var period in yearPeriods)
                {
                    for (var i = 1; i <= 4; i++)
                    {
                        db.ProjectNarratives.Add(new ProjectNarrative
                        {
                            Project = project, ReportingPeriodId = period.Id, Kind = i <= 3 ? NarrativeKind.Progress : NarrativeKind.Plan, Ordinal = i, Depth = i == 2 ? 2 : 1,
                            Text = $"[생성] {period.Quarter}분기 추진 내용 {i}: 참여자 {random.Next(10, 900):#,##0}명 모집·운영", Source = Generated,
                        });
                        narratives++;
                    }
                }
            }

            db.Projects.AddRange(yearProjects);
            projects += yearProjects.Count;

            for (var i = 1; i <= IndicatorsPerYear; i++)
            {
                var project = i > 10 ? yearProjects[(i * 7) % yearProjects.Count] : null;
                var indicator = new Indicator
                {
                    Year = year, Code = $"G{year}-{i:00}", Kind = project is null ? IndicatorKind.Promise : IndicatorKind.Project,
                    Field = $"[생성] 분야 {(i - 1) % 4 + 1}", Name = $"[생성] 지표 {i}", Unit = i % 3 == 0 ? "건" : "명",
                    Direction = i % 10 == 0 ? Direction.Lower : Direction.Higher, SortOrder = i, Project = project, Source = Generated,
                };
                db.Indicators.Add(indicator);
                indicators++;
                var target = random.Next(100, 20_000);
                for (var y = year - 4; y <= year; y++)
                {
                    var actual = (int)(target * (0.5 + random.NextDouble() * 0.8));
                    db.IndicatorValues.Add(new IndicatorValue { Indicator = indicator, Year = y, Kind = IndicatorValueKind.Actual, AsOf = new DateOnly(y, 12, 31), Raw = $"{actual:#,##0}", Value = actual, Source = Generated });
                    values++;
                }

                db.IndicatorValues.Add(new IndicatorValue { Indicator = indicator, Year = year, Kind = IndicatorValueKind.Target, Raw = $"{target:#,##0}", Value = target, Source = Generated });
                values++;
            }

            foreach (var campus in campuses)
            {
                for (var month = 1; month <= 12; month++)
                {
                    db.CampusUsages.Add(new CampusUsage
                    {
                        CampusId = campus.Id, Year = year, Month = month, Visits = random.Next(1_000, 40_000), CourseParticipants = random.Next(100, 3_000),
                        CounsellingCases = random.Next(50, 1_500), Communities = random.Next(5, 80), OccupiedSeats = random.Next(0, 30), IsDemo = true,
                        UpdatedAt = new DateTimeOffset(year, month, 28, 0, 0, 0, TimeSpan.Zero),
                    });
                    usage++;
                }
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            campuses = await db.Campuses.AsTracking().OrderBy(c => c.SortOrder).ToListAsync(ct);
        }

        await tx.CommitAsync(ct);
        return new Summary(periods, nodes, lines, projects, narratives, indicators, values, usage);
    }

    private static ProgrammeNode Node(int year, string code, ProgrammeNode? parent, int level, ProgrammeKind kind, string name, int sort) => new()
    {
        Year = year, Code = code, Parent = parent, Level = level, Kind = kind, Name = name, Funding = FundingSource.Contribution, SortOrder = sort, Source = Generated,
    };

    private static bool IsUnder(ProgrammeNode node, ProgrammeNode ancestor)
    {
        for (var p = node.Parent; p is not null; p = p.Parent)
        {
            if (p == ancestor) return true;
        }

        return false;
    }
}
