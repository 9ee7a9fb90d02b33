using System.Security.Claims;
using Fifty.Ops.Components;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Budget;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Features.Indicators;
using Fifty.Ops.Infrastructure.Auditing;
using Fifty.Ops.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Features.FiscalYear;

/// <summary>How many rows of each kind a roll-over wrote.</summary>
public sealed record RolloverCounts(
    int ProgrammeNodes, int Projects, int Indicators, int DraftTargets, int Facilities, int SharedOffices, int CampusBudgetLinks, bool InstitutionProfile)
{
    public string Text =>
        $"예산체계 {ProgrammeNodes}행, 사업 {Projects}개, 성과지표 {Indicators}개(목표 초안 {DraftTargets}개), 캠퍼스 시설 {Facilities}곳, " +
        $"공유사무실 좌석 {SharedOffices}곳, 캠퍼스-예산 연결 {CampusBudgetLinks}건, 기관 현황 {(InstitutionProfile ? "1건" : "없음")}";
}

/// <summary>The outcome of "create YEAR from YEAR−1". <see cref="Skipped"/> names what was not carried over and why.</summary>
public sealed record RolloverResult(bool Done, string Message, RolloverCounts? Counts, IReadOnlyList<string> Skipped)
{
    public static RolloverResult Refused(string message) => new(false, message, null, []);
}

/// <summary>A row of the year's budget hierarchy as the setup page lists it (retired rows included, marked).</summary>
/// <param name="OriginalBudget">The year's 당초예산 of the row in 천원; null when the year's structure states none.</param>
public sealed record SetupNode(string Code, string? ParentCode, ProgrammeKind Kind, string Name, FundingSource Funding, IReadOnlyList<string> Tags,
    StructureStatus Status, string? RetiredBy, DateTimeOffset? RetiredAt, string? RetiredReason, string Source, decimal? OriginalBudget = null)
{
    public string KindLabel => BudgetLabels.Kind(Kind);

    /// <summary>
    /// For a row with children and no 당초예산 of its own: the sum of its children's in 천원 (retired ones left out), so a
    /// 단위사업 shows what was entered below it; null when any child lacks one (a partial sum proves nothing) or the row
    /// states its own.
    /// </summary>
    public decimal? ChildrenBudget { get; init; }
    public string FundingLabel => BudgetLabels.Funding(Funding);
    public bool CanRetire => Kind == ProgrammeKind.DetailedProject && Status == StructureStatus.Active;
}

/// <param name="Target">The year's target as written (<c>400명</c>, <c>6/650</c>); null when none is set.</param>
/// <param name="TargetIsDraft">The target was copied from the previous year and is not yet approved (초안).</param>
public sealed record SetupIndicator(string Code, string Field, string Name, string Unit, Direction Direction, decimal? CautionThreshold,
    string? Target, bool TargetIsDraft, IReadOnlyList<string> RelatedProjects, string Source);

public sealed record SetupProject(string Code, int AreaNo, string AreaName, string Title, IReadOnlyList<string> ProgrammeCodes, IReadOnlyList<string> Tags,
    StructureStatus Status, string? RetiredBy, DateTimeOffset? RetiredAt, string? RetiredReason, string Source)
{
    public bool CanRetire => Status == StructureStatus.Active;
}

public sealed record SetupSite(string Code, string Name, FacilityStatus Status, DateOnly? OpenedOn, string? OpenedRaw, string? Address, string Source);

/// <summary>
/// One fiscal year's structure for the setup page. <see cref="ClosedQuarters"/> are the year's closed quarters (a
/// retirement then needs a reason); <see cref="CanCreate"/> is true when the year is empty and the previous year has a
/// structure to copy.
/// </summary>
public sealed record FiscalYearSetup(
    int Year, bool HasStructure, bool PreviousHasStructure, IReadOnlyList<int> ClosedQuarters, string? ProfileName,
    IReadOnlyList<SetupNode> Nodes, IReadOnlyList<SetupIndicator> Indicators, IReadOnlyList<SetupProject> Projects, IReadOnlyList<SetupSite> Sites)
{
    public bool CanCreate => !HasStructure && PreviousHasStructure;
}

/// <summary>Which kind of row the 일몰 action applies to.</summary>
public enum RetireTarget { Programme, Project }

/// <summary>
/// Sets up a fiscal year. <see cref="CreateFromAsync"/> copies the structure of one year into an empty year — programme
/// hierarchy, projects, indicators with last year's targets as drafts (초안), institution profile, campus facilities and
/// shared-office seats, campus–budget links — and no figure: no budget line, actual, narrative, summary, cost share or
/// staffing row. <see cref="RetireAsync"/> marks a 세부사업 or a project 일몰. Both need <see cref="Policies.CanSetUpYear"/>,
/// run in one transaction and are written to the audit trail (every copied row, plus a summary entry).
/// </summary>
public sealed class FiscalYearService(IDbContextFactory<FiftyOpsDbContext> factory, TimeProvider clock, AccessGuard guard)
{
    public const int MaxReasonLength = 500;

    /// <summary>
    /// The tag the reports put on an item scheduled to end (일몰예정). It is a plan, not a decision: such items are carried
    /// into the next year like any other and disappear only once a planner marks them 일몰 (issue 18).
    /// </summary>
    public const string EndingTag = "일몰예정";

    /// <summary>The provenance of every copied row: where it came from, never a report's name.</summary>
    public static SourceRef RolloverSource(int fromYear, string what) => new($"{fromYear}년 체계에서 이월", what);

    /// <summary>Whether the year has any structure (programme rows, projects or indicators), retired rows included.</summary>
    public static async Task<bool> HasStructureAsync(FiftyOpsDbContext db, int year, CancellationToken ct) =>
        await db.ProgrammeNodes.IgnoreQueryFilters().AnyAsync(n => n.Year == year, ct)
        || await db.Projects.IgnoreQueryFilters().AnyAsync(p => p.Year == year, ct)
        || await db.Indicators.AnyAsync(i => i.Year == year, ct);

    /// <summary>
    /// The rows depth-first, each under its parent in <c>SortOrder</c> (<see cref="ExecutionHierarchy.Order{T}"/>): a
    /// 세부사업 added or moved later is listed under its 단위사업, not where its SortOrder alone would put it.
    /// </summary>
    internal static List<SetupNode> TreeOrder(List<SetupNode> nodes) => ExecutionHierarchy.Order(nodes, n => n.Code, n => n.ParentCode);

    private static List<SetupNode> WithChildrenBudgets(List<SetupNode> nodes)
    {
        var children = nodes.Where(n => n.ParentCode is not null && n.Status != StructureStatus.Retired).ToLookup(n => n.ParentCode!);
        var sums = new Dictionary<string, decimal?>(StringComparer.Ordinal);
        decimal? Budget(SetupNode n)
        {
            if (n.OriginalBudget is { } own) return own;
            if (sums.TryGetValue(n.Code, out var done)) return done;
            var kids = children[n.Code].ToList();
            decimal? sum = kids.Count == 0 ? null : kids.Select(Budget).Aggregate((decimal?)0m, (a, b) => a is null || b is null ? null : a + b);
            sums[n.Code] = sum;
            return sum;
        }

        return nodes.Select(n => n.OriginalBudget is null && children[n.Code].Any() ? n with { ChildrenBudget = Budget(n) } : n).ToList();
    }

    /// <summary>The year's structure, retired rows included; read by everyone who may set a year up.</summary>
    public async Task<FiscalYearSetup> GetAsync(int year, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var nodes = await db.ProgrammeNodes.IgnoreQueryFilters().Where(n => n.Year == year).OrderBy(n => n.SortOrder)
            .Select(n => new SetupNode(n.Code, n.Parent == null ? null : n.Parent.Code, n.Kind, n.Name, n.Funding, n.Tags, n.Status, n.RetiredBy, n.RetiredAt, n.RetiredReason,
                n.Source.Doc == "" ? "입력" : n.Source.Doc, n.OriginalBudget))
            .ToListAsync(ct);
        nodes = WithChildrenBudgets(TreeOrder(nodes));
        var projects = await db.Projects.IgnoreQueryFilters().Where(p => p.Year == year).OrderBy(p => p.SortOrder)
            .Select(p => new SetupProject(p.Code, p.AreaNo, p.AreaName, p.Title, p.ProgrammeCodes, p.Tags, p.Status, p.RetiredBy, p.RetiredAt, p.RetiredReason,
                p.Source.Doc == "" ? "입력" : p.Source.Doc))
            .ToListAsync(ct);
        var indicators = await db.Indicators.IgnoreQueryFilters().Where(i => i.Year == year).OrderBy(i => i.Kind).ThenBy(i => i.SortOrder)
            .Select(i => new
            {
                i.Id, i.Code, i.Field, i.Name, i.Unit, i.Direction, i.CautionThreshold, i.RelatedProjectCodes,
                ProjectCode = i.Project == null ? null : i.Project.Code, Source = i.Source.Doc == "" ? "입력" : i.Source.Doc,
            })
            .ToListAsync(ct);
        var ids = indicators.Select(i => i.Id).ToList();
        var targets = (await db.IndicatorValues.Where(v => ids.Contains(v.IndicatorId) && v.Year == year && v.Kind == IndicatorValueKind.Target && v.Quarter == null)
                .Select(v => new { v.IndicatorId, v.Raw, v.AsOf, v.IsDraft, Entered = v.ReportingPeriodId != null })
                .ToListAsync(ct))
            .ToLookup(v => v.IndicatorId);
        var sites = await db.CampusFacilities.Where(f => f.ReportYear == year).OrderBy(f => f.Campus!.SortOrder)
            .Select(f => new SetupSite(f.Campus!.Code, f.Campus.Name, f.Status, f.OpenedOn, f.OpenedRaw, f.Address, f.Source.Doc == "" ? "입력" : f.Source.Doc))
            .ToListAsync(ct);
        var closed = await db.ReportingPeriods.Where(p => p.Year == year && p.IsClosed).OrderBy(p => p.Quarter).Select(p => p.Quarter).ToListAsync(ct);
        var profile = await db.InstitutionProfiles.Where(p => p.Year == year).Select(p => p.Name).FirstOrDefaultAsync(ct);
        var previous = await HasStructureAsync(db, year - 1, ct);
        var has = nodes.Count > 0 || projects.Count > 0 || indicators.Count > 0;

        return new FiscalYearSetup(year, has, previous, closed, profile, nodes,
            indicators.Select(i =>
            {
                var target = IndicatorCellChoice.InForce(targets[i.Id], t => t.AsOf, t => t.Entered, null);
                var related = i.ProjectCode is null ? i.RelatedProjectCodes : [i.ProjectCode, .. i.RelatedProjectCodes];
                return new SetupIndicator(i.Code, i.Field, i.Name, i.Unit, i.Direction, i.CautionThreshold, target?.Raw, target?.IsDraft == true, related, i.Source);
            }).ToList(),
            projects, sites);
    }

    /// <summary>
    /// Copies the structure of <paramref name="fromYear"/> into <paramref name="year"/>. Refused (Korean message,
    /// nothing written) when the user lacks the role, a year is out of range, the target year already has a structure
    /// or the source year has none. Items retired (일몰) in the source year are left out, with their descendants, and
    /// listed in <see cref="RolloverResult.Skipped"/>; items only tagged 일몰예정 are carried over (the planner retires them).
    /// </summary>
    public async Task<RolloverResult> CreateFromAsync(ClaimsPrincipal user, int year, int fromYear, CancellationToken ct = default)
    {
        if (await guard.DemandAsync(user, Policies.CanSetUpYear, "회계연도 체계 만들기", "FiscalYear", year.ToString(System.Globalization.CultureInfo.InvariantCulture), ct) is { } refusal)
            return RolloverResult.Refused(refusal);
        if (!FiscalYearRange.Contains(year) || !FiscalYearRange.Contains(fromYear)) return RolloverResult.Refused(FiscalYearRange.Refusal);
        if (fromYear >= year) return RolloverResult.Refused($"이월은 앞선 연도에서만 할 수 있습니다 ({fromYear}년 → {year}년).");

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await HasStructureAsync(db, year, ct))
        {
            var nodes = await db.ProgrammeNodes.IgnoreQueryFilters().CountAsync(n => n.Year == year, ct);
            var projects = await db.Projects.IgnoreQueryFilters().CountAsync(p => p.Year == year, ct);
            var indicators = await db.Indicators.CountAsync(i => i.Year == year, ct);
            return RolloverResult.Refused($"{year}년 체계가 이미 있습니다 (예산체계 {nodes}행, 사업 {projects}개, 성과지표 {indicators}개). 이월은 체계가 없는 연도에만 할 수 있습니다.");
        }

        if (!await HasStructureAsync(db, fromYear, ct)) return RolloverResult.Refused($"{fromYear}년 체계가 없어 {year}년으로 이월할 수 없습니다.");

        var skipped = new List<string>();
        var sourceNodes = await db.ProgrammeNodes.IgnoreQueryFilters().Where(n => n.Year == fromYear)
            .OrderBy(n => n.Level).ThenBy(n => n.SortOrder).ThenBy(n => n.Id).ToListAsync(ct);
        var newNodes = new Dictionary<int, ProgrammeNode>();
        var leftOut = new HashSet<int>();
        // Parents come first (ordered by level; a parent's level is always lower), so a left-out parent's children follow it out.
        foreach (var n in sourceNodes.OrderBy(n => Depth(n, sourceNodes)))
        {
            if (n.ParentId is { } pid && leftOut.Contains(pid))
            {
                leftOut.Add(n.Id);
                continue;
            }

            if (Ends(n.Status) is { } why)
            {
                leftOut.Add(n.Id);
                skipped.Add($"예산체계 {n.Code} {n.Name} ({why}{(sourceNodes.Any(c => c.ParentId == n.Id) ? ", 하위 항목 포함" : "")})");
                continue;
            }

            var copy = new ProgrammeNode
            {
                Year = year, Code = n.Code, Level = n.Level, Kind = n.Kind, Name = n.Name, Funding = n.Funding, Tags = [.. n.Tags],
                SortOrder = n.SortOrder, Source = RolloverSource(fromYear, "예산체계"),
                Parent = n.ParentId is { } p && newNodes.TryGetValue(p, out var parent) ? parent : null,
            };
            newNodes[n.Id] = copy;
            db.ProgrammeNodes.Add(copy);
        }

        var copiedCodes = newNodes.Values.Select(n => n.Code).ToHashSet(StringComparer.Ordinal);

        var sourceProjects = await db.Projects.IgnoreQueryFilters().Where(p => p.Year == fromYear).OrderBy(p => p.SortOrder).ToListAsync(ct);
        var newProjects = new Dictionary<int, Project>();
        foreach (var p in sourceProjects)
        {
            if (Ends(p.Status) is { } why)
            {
                skipped.Add($"사업 {p.Code} {p.Title} ({why})");
                continue;
            }

            var copy = new Project
            {
                Year = year, Code = p.Code, AreaNo = p.AreaNo, AreaName = p.AreaName, GroupName = p.GroupName, Title = p.Title, Tags = [.. p.Tags],
                Summary = p.Summary, Audience = p.Audience, Content = p.Content, TargetText = p.TargetText,
                ProgrammeCodes = [.. p.ProgrammeCodes.Where(copiedCodes.Contains)], SortOrder = p.SortOrder, Source = RolloverSource(fromYear, "사업"),
            };
            newProjects[p.Id] = copy;
            db.Projects.Add(copy);
        }

        var copiedProjects = newProjects.Values.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
        var sourceIndicators = await db.Indicators.Where(i => i.Year == fromYear).OrderBy(i => i.Kind).ThenBy(i => i.SortOrder).ToListAsync(ct);
        var sourceIds = sourceIndicators.Select(i => i.Id).ToList();
        var targets = (await db.IndicatorValues
                .Where(v => sourceIds.Contains(v.IndicatorId) && v.Year == fromYear && v.Kind == IndicatorValueKind.Target)
                .Select(v => new { v.IndicatorId, v.Quarter, v.Raw, v.Value, v.SubValue, v.AsOf, Entered = v.ReportingPeriodId != null })
                .ToListAsync(ct))
            .ToLookup(v => v.IndicatorId);
        var indicatorCount = 0;
        var draftCount = 0;
        foreach (var i in sourceIndicators)
        {
            if (i.ProjectId is { } pid && !newProjects.ContainsKey(pid))
            {
                skipped.Add($"성과지표 {i.Code} {i.Name} (사업이 이월되지 않음)");
                continue;
            }

            var copy = new Indicator
            {
                Year = year, Code = i.Code, Kind = i.Kind, Field = i.Field, Name = i.Name, Unit = i.Unit, Direction = i.Direction, Accumulation = i.Accumulation,
                CautionThreshold = i.CautionThreshold, SortOrder = i.SortOrder,
                Project = i.ProjectId is { } p ? newProjects[p] : null,
                RelatedProjectCodes = [.. i.RelatedProjectCodes.Where(copiedProjects.Contains)],
                Source = RolloverSource(fromYear, "성과지표"),
            };
            db.Indicators.Add(copy);
            indicatorCount++;
            // Last year's targets in force at year end (an entered one wins over the printed one) become this year's
            // drafts: the year's target and, where set, each quarter's (Quarter 1–4), each read apart.
            foreach (var quarter in (int?[])[null, 1, 2, 3, 4])
            {
                if (IndicatorCellChoice.InForce(targets[i.Id].Where(t => t.Quarter == quarter), t => t.AsOf, t => t.Entered, null) is not { } target)
                {
                    continue;
                }

                db.IndicatorValues.Add(new IndicatorValue
                {
                    Indicator = copy, Year = year, Kind = IndicatorValueKind.Target, Quarter = quarter, Raw = target.Raw, Value = target.Value,
                    SubValue = target.SubValue, IsDraft = true,
                    Source = RolloverSource(fromYear, quarter is null ? "성과지표 목표 (초안)" : $"성과지표 {quarter}분기 목표 (초안)"),
                });
                if (quarter is null)
                {
                    draftCount++;
                }
            }
        }

        var profile = await db.InstitutionProfiles.Where(p => p.Year <= fromYear).OrderByDescending(p => p.Year).FirstOrDefaultAsync(ct);
        if (profile is not null)
        {
            db.InstitutionProfiles.Add(new InstitutionProfile
            {
                Year = year, AsOf = new DateOnly(year, 1, 1), Name = profile.Name, Address = profile.Address, FoundedOn = profile.FoundedOn,
                LegalForm = profile.LegalForm, Purpose = profile.Purpose, Mission = profile.Mission, Vision = profile.Vision,
                Organisation = profile.Organisation, BusinessScope = [.. profile.BusinessScope], History = [.. profile.History],
                CoreValues = [.. profile.CoreValues], ManagementGoals = [.. profile.ManagementGoals],
                StrategicDirections = [.. profile.StrategicDirections], Departments = [.. profile.Departments],
                Source = RolloverSource(profile.Year, "기관 현황"),
            });
        }

        // Each site's latest known facts (a site a later report leaves out still exists) become the new year's row.
        var facilities = (await db.CampusFacilities.Where(f => f.ReportYear <= fromYear).ToListAsync(ct))
            .GroupBy(f => f.CampusId).Select(g => g.OrderByDescending(f => f.ReportYear).First()).OrderBy(f => f.CampusId).ToList();
        foreach (var f in facilities)
        {
            db.CampusFacilities.Add(new CampusFacility
            {
                CampusId = f.CampusId, ReportYear = year, NameInSource = f.NameInSource, OpenedOn = f.OpenedOn, OpenedRaw = f.OpenedRaw, Status = f.Status,
                Address = f.Address, FloorAreaM2 = f.FloorAreaM2, ManagedAreaM2 = f.ManagedAreaM2, FloorsRaw = f.FloorsRaw, MainRooms = f.MainRooms, Note = f.Note,
                Source = RolloverSource(f.ReportYear, "캠퍼스 시설"),
            });
        }

        // Seat counts are the offices' capacity (structure); occupancy and tenants are the year's figures and stay behind.
        var offices = (await db.SharedOffices.Where(o => o.CampusId != null && o.Year <= fromYear).ToListAsync(ct))
            .GroupBy(o => o.CampusId).Select(g => g.OrderByDescending(o => o.Year).First()).OrderBy(o => o.CampusId).ToList();
        foreach (var o in offices)
        {
            db.SharedOffices.Add(new SharedOffice
            {
                CampusId = o.CampusId, Year = year, Seats = o.Seats, PrivateSeats = o.PrivateSeats, OpenSeats = o.OpenSeats, AreaM2 = o.AreaM2,
                SeatsRaw = o.SeatsRaw, Source = RolloverSource(o.Year, "공유사무실 좌석"),
            });
        }

        var links = await db.CampusBudgetLinks.IgnoreQueryFilters().Where(l => l.ProgrammeNode!.Year == fromYear).OrderBy(l => l.Id).ToListAsync(ct);
        var linkCount = 0;
        foreach (var l in links.Where(l => newNodes.ContainsKey(l.ProgrammeNodeId)))
        {
            db.CampusBudgetLinks.Add(new CampusBudgetLink
            {
                CampusId = l.CampusId, ProgrammeNode = newNodes[l.ProgrammeNodeId], Role = l.Role, Note = l.Note, Source = RolloverSource(fromYear, "캠퍼스-예산 연결"),
            });
            linkCount++;
        }

        var counts = new RolloverCounts(newNodes.Count, newProjects.Count, indicatorCount, draftCount, facilities.Count, offices.Count, linkCount, profile is not null);
        db.AddAuditNote(new AuditRecord(AuditKind.DataChange, "FiscalYear", year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Detail: $"{year}년 체계 만들기 ({fromYear}년에서 이월): {counts.Text}" + (skipped.Count == 0 ? "" : $"; 이월하지 않음: {string.Join(", ", skipped)}")));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        return new RolloverResult(true,
            $"{year}년 체계를 만들었습니다 ({fromYear}년에서 이월): {counts.Text}. 목표는 초안이며 금액·실적은 비어 있습니다.",
            counts, skipped);
    }

    /// <summary>
    /// Marks a 세부사업 (<see cref="RetireTarget.Programme"/>) or a project 일몰: from then on it is left out of the
    /// year's views, forms, template and open quarters' reports (closed quarters keep their frozen report), and it is
    /// not carried into the next year. The reason is required once a quarter of the year is closed.
    /// </summary>
    public async Task<WriteResult> RetireAsync(ClaimsPrincipal user, RetireTarget target, int year, string code, string? reason, CancellationToken ct = default)
    {
        var key = $"{year}/{code}";
        if (await guard.RefuseAsync(user, Policies.CanSetUpYear, "일몰 처리", target == RetireTarget.Programme ? "ProgrammeNode" : "Project", key, ct) is { } refused) return refused;
        var why = (reason ?? "").Trim();
        if (why.Length > MaxReasonLength) return WriteResult.Fail("Reason", $"사유는 {MaxReasonLength}자 이내로 입력하세요 (현재 {why.Length}자).");
        code = (code ?? "").Trim();

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var closed = await db.ReportingPeriods.Where(p => p.Year == year && p.IsClosed).OrderBy(p => p.Quarter).Select(p => p.Quarter).ToListAsync(ct);
        if (closed.Count > 0 && why.Length == 0)
            return WriteResult.Fail("Reason", $"{year}년 {string.Join("·", closed)}분기가 마감되어 있어 일몰 사유가 필요합니다 (마감된 분기의 보고서는 바뀌지 않습니다).");

        IRetirable? item;
        string name;
        if (target == RetireTarget.Programme)
        {
            var node = await db.ProgrammeNodes.IgnoreQueryFilters().AsTracking().FirstOrDefaultAsync(n => n.Year == year && n.Code == code, ct);
            if (node is null) return WriteResult.Fail(WriteResult.General, $"{year}년 예산체계에 없는 코드입니다 ({code}).");
            if (node.Kind != ProgrammeKind.DetailedProject)
                return WriteResult.Fail(WriteResult.General, $"일몰 처리는 세부사업에만 할 수 있습니다 ({code}은(는) {BudgetLabels.Kind(node.Kind)}입니다).");
            (item, name) = (node, node.Name);
        }
        else
        {
            var project = await db.Projects.IgnoreQueryFilters().AsTracking().FirstOrDefaultAsync(p => p.Year == year && p.Code == code, ct);
            if (project is null) return WriteResult.Fail(WriteResult.General, $"{year}년 사업에 없는 코드입니다 ({code}).");
            (item, name) = (project, project.Title);
        }

        if (item.Status == StructureStatus.Retired)
        {
            // Who retired it, by display name (the stored login id when the account is gone).
            var by = item.RetiredBy;
            var shown = by is null ? null : await db.Users.Where(u => u.UserName == by).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
            return WriteResult.Fail(WriteResult.General, $"{code} {name}은(는) 이미 일몰 처리되었습니다 ({(string.IsNullOrEmpty(shown) ? by : shown)}, {Fmt.Time(item.RetiredAt)}).");
        }

        item.Status = StructureStatus.Retired;
        item.RetiredAt = clock.GetUtcNow();
        item.RetiredBy = EntryActor.NameOf(user);
        item.RetiredReason = why.Length == 0 ? null : why;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return WriteResult.Ok($"{year}년 {code} {name}을(를) 일몰 처리했습니다. {year}년 화면·입력·보고서에서 빠지고 다음 연도로 이월되지 않습니다.", "1");
    }

    /// <summary>Why an item is not carried into the next year, or null when it is.</summary>
    private static string? Ends(StructureStatus status) =>
        status == StructureStatus.Retired ? "일몰" : null;

    private static int Depth(ProgrammeNode node, IReadOnlyList<ProgrammeNode> all)
    {
        var depth = 0;
        for (var p = node.ParentId; p is not null && depth < 32; depth++) p = all.FirstOrDefault(n => n.Id == p)?.ParentId;
        return depth;
    }
}
