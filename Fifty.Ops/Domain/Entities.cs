namespace Fifty.Ops.Domain;

/// <summary>Where a seeded figure was transcribed from; empty for figures entered in the app.</summary>
public interface IHasSource
{
    SourceRef Source { get; }
}

public sealed record SourceRef(string Doc, string Section)
{
    public static readonly SourceRef Entered = new("", "");
    public override string ToString() => string.IsNullOrEmpty(Doc) ? "입력" : $"{Doc} › {Section}";
}

public enum Quarter { Q1 = 1, Q2 = 2, Q3 = 3, Q4 = 4 }

/// <summary>A quarter of a fiscal year with its as-of date (기준일). A closed period accepts no writes.</summary>
public sealed class ReportingPeriod : IVersioned
{
    public int Id { get; set; }
    public int Year { get; set; }
    public int Quarter { get; set; }
    public DateOnly AsOf { get; set; }
    public string Label { get; set; } = "";
    public bool IsClosed { get; set; }
    /// <summary>When and by whom it was last closed (마감); null for a period seeded closed from a published report.</summary>
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    /// <summary>The last reopening and its stated reason; the full history is in <see cref="PeriodStatusChange"/>.</summary>
    public DateTimeOffset? ReopenedAt { get; set; }
    public string? ReopenedBy { get; set; }
    public string? ReopenReason { get; set; }
    public int Version { get; set; }
}

public enum CampusKind { Campus, Centre }
/// <summary>
/// 운영형태 of a site in a year: <see cref="Open"/> is run by the foundation itself (고유사무), <see cref="Commissioned"/>
/// is run for the city under a commission (위탁), <see cref="Planned"/> is not yet open (개관 예정).
/// </summary>
public enum FacilityStatus { Open, Planned, Commissioned }

public sealed class Campus
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public CampusKind Kind { get; set; }
    public int SortOrder { get; set; }
    /// <summary>First day the site serves residents (개소일); null means it was open before any year this database holds.</summary>
    public DateOnly? OpenedOn { get; set; }
    /// <summary>Last day the site served residents (폐소일); null means it is still open.</summary>
    public DateOnly? ClosedOn { get; set; }
}

/// <summary>Facility facts as one report states them; reports disagree (e.g. 북부 floor area), so each keeps its own row.</summary>
public sealed class CampusFacility : IHasSource
{
    public int Id { get; set; }
    public int CampusId { get; set; }
    public Campus? Campus { get; set; }
    public int ReportYear { get; set; }
    public string NameInSource { get; set; } = "";
    public DateOnly? OpenedOn { get; set; }
    public string? OpenedRaw { get; set; }
    public FacilityStatus Status { get; set; }
    /// <summary>
    /// The day <see cref="Status"/> took effect when it changed during <see cref="ReportYear"/> (e.g. 위탁 → 고유사무 on
    /// 2022-11-30); null when the status held the whole year. Set by the site setup, which writes the new status to this
    /// year's row and every later year's row.
    /// </summary>
    public DateOnly? StatusSince { get; set; }
    public string? Address { get; set; }
    public decimal? FloorAreaM2 { get; set; }
    public decimal? ManagedAreaM2 { get; set; }
    public string? FloorsRaw { get; set; }
    public string? MainRooms { get; set; }
    public string? Note { get; set; }
    public SourceRef Source { get; set; } = SourceRef.Entered;
}

public sealed class SharedOffice : IHasSource
{
    public int Id { get; set; }
    /// <summary>Null for a total row stated by the source.</summary>
    public int? CampusId { get; set; }
    public Campus? Campus { get; set; }
    public int Year { get; set; }
    public int? Seats { get; set; }
    public int? PrivateSeats { get; set; }
    public int? OpenSeats { get; set; }
    public decimal? AreaM2 { get; set; }
    public int? OccupiedSeats { get; set; }
    public string? SeatsRaw { get; set; }
    /// <summary>사용률 as the source prints it (e.g. <c>85.6%</c>), kept to check it against occupied ÷ seats.</summary>
    public string? OccupancyRaw { get; set; }
    /// <summary>What the source says about tenants in words (e.g. 단체 31팀(72명), 개인 57명 입주 중).</summary>
    public string? Note { get; set; }
    public SourceRef Source { get; set; } = SourceRef.Entered;
}

/// <summary>Monthly usage of one campus, entered by planners (or loaded from the optional demo set).</summary>
public sealed class CampusUsage : IVersioned
{
    public int Id { get; set; }
    public int CampusId { get; set; }
    public Campus? Campus { get; set; }
    public int Year { get; set; }
    public int Month { get; set; }
    public int? Visits { get; set; }
    public int? CourseParticipants { get; set; }
    public int? CounsellingCases { get; set; }
    public int? Communities { get; set; }
    public int? OccupiedSeats { get; set; }
    public bool IsDemo { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public int Version { get; set; }
}

public enum CampusBudgetRole { Operation, Opening }

/// <summary>
/// A programme row whose budget a report ties to one site (e.g. 2020 "[수탁사업] 서울시 도심권50플러스센터 운영").
/// Only links a source states are stored; cost per participant is computed from <see cref="CampusBudgetRole.Operation"/> links.
/// </summary>
public sealed class CampusBudgetLink : IHasSource
{
    public int Id { get; set; }
    public int CampusId { get; set; }
    public Campus? Campus { get; set; }
    public int ProgrammeNodeId { get; set; }
    public ProgrammeNode? ProgrammeNode { get; set; }
    public CampusBudgetRole Role { get; set; }
    public string? Note { get; set; }
    public SourceRef Source { get; set; } = SourceRef.Entered;
}

/// <summary>Targets and results of a site by category (e.g. 도심권50플러스센터 교육/상담/커뮤니티/일자리).</summary>
public sealed class CampusProgrammeResult : IHasSource
{
    public int Id { get; set; }
    public int CampusId { get; set; }
    public Campus? Campus { get; set; }
    public int Year { get; set; }
    public DateOnly AsOf { get; set; }
    public string Category { get; set; } = "";
    public int SortOrder { get; set; }
    public decimal? Target { get; set; }
    public decimal? Actual { get; set; }
    public SourceRef Source { get; set; } = SourceRef.Entered;
}

public enum BudgetSide { Revenue, Expenditure }

public sealed class BudgetSummaryItem : IHasSource
{
    public int Id { get; set; }
    public int Year { get; set; }
    public DateOnly AsOf { get; set; }
    public BudgetSide Side { get; set; }
    public int Ordinal { get; set; }
    public string Item { get; set; } = "";
    public decimal Amount { get; set; }
    public bool IsTotal { get; set; }
    public string? ParentItem { get; set; }
    public SourceRef Source { get; set; } = SourceRef.Entered;
}

public sealed class ProgrammeCostShare : IHasSource
{
    public int Id { get; set; }
    public int Year { get; set; }
    public DateOnly AsOf { get; set; }
    public int Ordinal { get; set; }
    public string Area { get; set; } = "";
    public decimal Amount { get; set; }
    public string? ShareRaw { get; set; }
    public string? Note { get; set; }
    public bool IsTotal { get; set; }
    public SourceRef Source { get; set; } = SourceRef.Entered;
}

/// <summary>정원/현원 of one unit and grade; Raw keeps the cell as printed (e.g. <c>7/7(1)</c>).</summary>
public sealed class StaffingEntry : IHasSource
{
    public int Id { get; set; }
    public int Year { get; set; }
    public DateOnly AsOf { get; set; }
    public int Ordinal { get; set; }
    public string Unit { get; set; } = "";
    public string Grade { get; set; } = "";
    public int? Authorized { get; set; }
    public int? Current { get; set; }
    public int? Separate { get; set; }
    public string? Raw { get; set; }
    public SourceRef Source { get; set; } = SourceRef.Entered;
}

public sealed class Executive : IHasSource
{
    public int Id { get; set; }
    public int Year { get; set; }
    public DateOnly AsOf { get; set; }
    public int Ordinal { get; set; }
    public string Role { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Position { get; set; }
    public string? TermRaw { get; set; }
    public SourceRef Source { get; set; } = SourceRef.Entered;
}

/// <summary>Text facts of the institution as one year's report gives them.</summary>
public sealed class InstitutionProfile : IHasSource
{
    public int Year { get; set; }
    public DateOnly AsOf { get; set; }
    public string Name { get; set; } = "";
    public string? Address { get; set; }
    public DateOnly? FoundedOn { get; set; }
    public string? LegalForm { get; set; }
    public string? Purpose { get; set; }
    public string? Mission { get; set; }
    public string? Vision { get; set; }
    public string? Organisation { get; set; }
    public List<string> BusinessScope { get; set; } = [];
    public List<string> History { get; set; } = [];
    public List<string> CoreValues { get; set; } = [];
    public List<string> ManagementGoals { get; set; } = [];
    public List<string> StrategicDirections { get; set; } = [];
    public List<string> Departments { get; set; } = [];
    public SourceRef Source { get; set; } = SourceRef.Entered;
}

public enum ProgrammeKind { Total, ProgrammeCosts, Overheads, PolicyArea, UnitProject, DetailedProject, OverheadItem, StrategicTask, Project }

public enum FundingSource { Contribution, Subsidy, Donation, Commissioned, Own }

/// <summary>Whether a budget row or project runs in its year. A retired (일몰) item is left out of the year's views, forms,
/// template and reports, and is not copied into the next year; the row stays for the audit trail.</summary>
public enum StructureStatus { Active, Retired }

/// <summary>A row of a year's structure that can be retired (일몰) with who, when and why.</summary>
public interface IRetirable
{
    StructureStatus Status { get; set; }
    DateTimeOffset? RetiredAt { get; set; }
    string? RetiredBy { get; set; }
    /// <summary>Required once a quarter of the year is closed; optional before.</summary>
    string? RetiredReason { get; set; }
}

/// <summary>A row of a year's programme hierarchy (정책 → 단위사업 → 세부사업, or 2020's 전략과제 → 사업 → 세부사업).</summary>
public sealed class ProgrammeNode : IHasSource, IRetirable
{
    public int Id { get; set; }
    public int Year { get; set; }
    public string Code { get; set; } = "";
    public int? ParentId { get; set; }
    public ProgrammeNode? Parent { get; set; }
    public int Level { get; set; }
    public ProgrammeKind Kind { get; set; }
    public string Name { get; set; } = "";
    public FundingSource Funding { get; set; }
    public List<string> Tags { get; set; } = [];
    public int SortOrder { get; set; }
    /// <summary>
    /// The board-approved 당초예산 of the year (천원) set when the year is set up; null when the year's structure does not
    /// state it (the transcribed years carry it on their <see cref="BudgetLine"/>s instead).
    /// </summary>
    public decimal? OriginalBudget { get; set; }
    public SourceRef Source { get; set; } = SourceRef.Entered;
    public StructureStatus Status { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }
    public string? RetiredBy { get; set; }
    public string? RetiredReason { get; set; }
}

/// <summary>Which part of a report an amount comes from; the same project may appear in several and must agree.</summary>
public enum BudgetSection { Appendix, ProjectTable, RequiredBudget, Entry }

/// <summary>
/// Amounts (천원) of one programme row as one section of a report states them for one period. A planner's figures are a
/// line of their own in section <see cref="BudgetSection.Entry"/>; the lines transcribed from a report are never edited.
/// </summary>
public sealed class BudgetLine : IHasSource, IVersioned
{
    public int Id { get; set; }
    public int ReportingPeriodId { get; set; }
    public ReportingPeriod? ReportingPeriod { get; set; }
    public int? ProgrammeNodeId { get; set; }
    public ProgrammeNode? ProgrammeNode { get; set; }
    public BudgetSection Section { get; set; }
    public int RowInSection { get; set; }
    public string NameInSource { get; set; } = "";
    public decimal? CurrentBudget { get; set; }
    public decimal? Original { get; set; }
    public decimal? Supplementary { get; set; }
    public decimal? Transfers { get; set; }
    public decimal? Committed { get; set; }
    public decimal? Disbursed { get; set; }
    public decimal? Forecast { get; set; }
    public string? RateCommittedRaw { get; set; }
    public string? RateDisbursedRaw { get; set; }
    public string? ForecastRateRaw { get; set; }
    public SourceRef Source { get; set; } = SourceRef.Entered;
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public int Version { get; set; }
}

/// <summary>A project block of a report (overview, 성과목표 ☞ 실적, 소요예산) with its narrative bullets.</summary>
public sealed class Project : IHasSource, IRetirable
{
    public int Id { get; set; }
    public int Year { get; set; }
    public string Code { get; set; } = "";
    public int AreaNo { get; set; }
    public string AreaName { get; set; } = "";
    public string? GroupName { get; set; }
    public string Title { get; set; } = "";
    public List<string> Tags { get; set; } = [];
    public string? Summary { get; set; }
    public string? Audience { get; set; }
    public string? Content { get; set; }
    public string? TargetText { get; set; }
    public string? ActualText { get; set; }
    public decimal? RequiredBudget { get; set; }
    public List<string> ProgrammeCodes { get; set; } = [];
    public int SortOrder { get; set; }
    public SourceRef Source { get; set; } = SourceRef.Entered;
    public StructureStatus Status { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }
    public string? RetiredBy { get; set; }
    public string? RetiredReason { get; set; }
}

public enum NarrativeKind { Progress, Plan }

public sealed class ProjectNarrative : IHasSource, IVersioned
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public Project? Project { get; set; }
    public int ReportingPeriodId { get; set; }
    public NarrativeKind Kind { get; set; }
    public int Ordinal { get; set; }
    public int Depth { get; set; }
    public string Text { get; set; } = "";
    public string? ScheduleRaw { get; set; }
    public SourceRef Source { get; set; } = SourceRef.Entered;
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public int Version { get; set; }
}

public enum IndicatorKind { Promise, Headline, Project }
public enum Direction { Higher, Lower }

/// <summary>
/// How a quarter's actual relates to the year's target: <see cref="Cumulative"/> counts add up over the year (참여자 수),
/// <see cref="PointInTime"/> values stand for the moment measured (만족도, 입주율).
/// </summary>
public enum IndicatorAccumulation { Cumulative, PointInTime }

public sealed class Indicator : IHasSource
{
    public int Id { get; set; }
    public int Year { get; set; }
    public string Code { get; set; } = "";
    public IndicatorKind Kind { get; set; }
    public string Field { get; set; } = "";
    public string Name { get; set; } = "";
    public string Unit { get; set; } = "";
    public Direction Direction { get; set; }
    /// <summary>Whether actuals add up over the year or stand for the moment measured; see <see cref="IndicatorAccumulation"/>.</summary>
    public IndicatorAccumulation Accumulation { get; set; }
    /// <summary>Achievement ratio from which the status is 주의 rather than 미달; null means the default (0.9).</summary>
    public decimal? CautionThreshold { get; set; }
    public int SortOrder { get; set; }
    public int? ProjectId { get; set; }
    public Project? Project { get; set; }
    /// <summary>Projects a headline result summarises (codes of the same year), with the arithmetic that ties them.</summary>
    public List<string> RelatedProjectCodes { get; set; } = [];
    public string? RelatedBasis { get; set; }
    public string? Note { get; set; }
    public SourceRef Source { get; set; } = SourceRef.Entered;
}

public enum IndicatorValueKind { Actual, Target, StatedRate }

/// <summary>
/// One cell of an indicator table; Raw is verbatim, Value/SubValue are what could be read from it. A cell a planner
/// enters belongs to a reporting period (<see cref="ReportingPeriodId"/>) and takes that period's 기준일 as
/// <see cref="AsOf"/>; a cell transcribed from a report has none and is never edited.
/// </summary>
public sealed class IndicatorValue : IHasSource, IVersioned
{
    public int Id { get; set; }
    public int IndicatorId { get; set; }
    public Indicator? Indicator { get; set; }
    public int Year { get; set; }
    public IndicatorValueKind Kind { get; set; }
    public DateOnly? AsOf { get; set; }
    public string? AsOfRaw { get; set; }
    public string Raw { get; set; } = "";
    public decimal? Value { get; set; }
    public decimal? SubValue { get; set; }
    public SourceRef Source { get; set; } = SourceRef.Entered;
    public int? ReportingPeriodId { get; set; }
    /// <summary>
    /// A target copied from the previous year by the roll-over (초안): the year's structure is set up but the board has
    /// not approved the figure yet. False for every transcribed or entered cell.
    /// </summary>
    public bool IsDraft { get; set; }
    /// <summary>
    /// For a <see cref="IndicatorValueKind.Target"/>, the quarter (1–4) the target is set for; null means the year's
    /// target. Null for every other kind.
    /// </summary>
    public int? Quarter { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public int Version { get; set; }
}

/// <summary>원인 분석 / 조치 계획 written by a planner for an indicator at a period.</summary>
public sealed class IndicatorComment : IVersioned
{
    public int Id { get; set; }
    public int IndicatorId { get; set; }
    public Indicator? Indicator { get; set; }
    public int ReportingPeriodId { get; set; }
    public string Cause { get; set; } = "";
    public string Action { get; set; } = "";
    public string Author { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>A multi-year target of the city's Seoul Learn 4050 plan (the policy 2023 programmes are tagged with).</summary>
public sealed class PolicyTarget : IHasSource
{
    public int Id { get; set; }
    public string Area { get; set; } = "";
    public string Programme { get; set; } = "";
    public string? Measure { get; set; }
    public string? Unit { get; set; }
    public int? BaselineYear { get; set; }
    public decimal? BaselineValue { get; set; }
    public int? TargetYear { get; set; }
    public decimal? TargetValue { get; set; }
    public string? Raw { get; set; }
    public SourceRef Source { get; set; } = SourceRef.Entered;
}
