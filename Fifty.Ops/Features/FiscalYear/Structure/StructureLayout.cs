using Fifty.Ops.Domain;
using Fifty.Ops.Features.Budget;

namespace Fifty.Ops.Features.FiscalYear.YearStructure;

/// <summary>
/// The layout of the year's structure workbook, shared by the writer and the reader so the two cannot drift. A guide
/// sheet (안내) names the form and the year; each data sheet has a title (row 1), a note or the amount unit (row 2),
/// headings (row 3) and rows from row 4. The amounts' unit is the cell <c>예산체계!B2</c>.
/// </summary>
public static class StructureLayout
{
    public const string Marker = "Fifty.Ops 연도 체계 v1";
    public const int UnitRow = 2;
    public const int HeadingRow = 3;
    public const int FirstDataRow = 4;

    public const string GuideSheet = "안내";
    public const string BudgetSheet = "예산체계";
    public const string IndicatorSheet = "성과지표";
    public const string ProjectSheet = "사업";
    public const string SiteSheet = "캠퍼스";

    public const string GuideForm = "양식";
    public const string GuideYear = "회계연도";

    public static readonly IReadOnlyList<string> DataSheets = [BudgetSheet, IndicatorSheet, ProjectSheet, SiteSheet];

    public static readonly IReadOnlyList<(string Heading, double Width)> BudgetColumns =
    [
        ("코드", 12), ("상위코드", 12), ("구분", 12), ("사업명", 44), ("재원", 10), ("당초예산", 16), ("상태", 8),
    ];

    public static readonly IReadOnlyList<(string Heading, double Width)> IndicatorColumns =
    [
        ("코드", 14), ("분야", 18), ("지표명", 40), ("단위", 8), ("방향", 10), ("누적/시점", 10), ("연간 목표", 14),
        ("1분기 목표", 12), ("2분기 목표", 12), ("3분기 목표", 12), ("4분기 목표", 12), ("주의 기준 (%)", 10), ("관련 사업", 20),
        ("구분", 12),
    ];

    public static readonly IReadOnlyList<(string Heading, double Width)> ProjectColumns =
    [
        ("코드", 12), ("분야", 26), ("사업명", 36), ("대상", 30), ("내용", 50), ("성과목표", 30), ("예산 코드", 20),
    ];

    public static readonly IReadOnlyList<(string Heading, double Width)> SiteColumns =
    [
        ("코드", 12), ("이름", 24), ("구분", 10), ("개소일", 14), ("폐소일", 14),
    ];

    /// <summary>The amount units a workbook may state, with how many 천원 one unit is.</summary>
    public static readonly IReadOnlyDictionary<string, decimal> Units = new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        ["천원"] = 1m, ["원"] = 0.001m, ["백만원"] = 1000m,
    };

    public const string DefaultUnit = "천원";

    /// <summary>Whether a workbook with these sheet names is a structure workbook rather than a quarterly input template.</summary>
    public static bool IsStructureWorkbook(IEnumerable<string> sheetNames)
    {
        var names = sheetNames.ToHashSet(StringComparer.Ordinal);
        return names.Contains(BudgetSheet) || names.Contains(ProjectSheet) || names.Contains(SiteSheet);
    }

    public static readonly IReadOnlyList<ProgrammeKind> Kinds = Enum.GetValues<ProgrammeKind>();
    public static readonly IReadOnlyList<FundingSource> Fundings = Enum.GetValues<FundingSource>();

    public static ProgrammeKind? KindOf(string label) => Kinds.Cast<ProgrammeKind?>().FirstOrDefault(k => BudgetLabels.Kind(k!.Value) == label);

    public static FundingSource? FundingOf(string label) =>
        Fundings.Cast<FundingSource?>().FirstOrDefault(f => BudgetLabels.Funding(f!.Value) == label.Trim('[', ']'));

    public static string StatusLabel(StructureStatus status) => status == StructureStatus.Retired ? "일몰" : "운영";

    public static string DirectionLabel(Direction d) => d == Direction.Lower ? "낮을수록" : "높을수록";

    public static string AccumulationLabel(IndicatorAccumulation a) => a == IndicatorAccumulation.PointInTime ? "시점" : "누적";

    /// <summary>The 성과지표 sheet's 구분 as the quarterly template names it (성과약속, 주요실적, 사업목표).</summary>
    public static string IndicatorKindLabel(IndicatorKind k) => Import.ImportTemplate.KindName(k);

    /// <summary>
    /// The indicator kind a 구분 cell names: the sheet's own labels, or the titles the screens and the report use
    /// (성과약속지표, 주요 사업 실적, 사업별 성과목표) and their short forms (주요, 사업). Null for anything else.
    /// </summary>
    public static IndicatorKind? IndicatorKindOf(string label) => label.Replace(" ", "", StringComparison.Ordinal) switch
    {
        "성과약속" or "성과약속지표" => IndicatorKind.Promise,
        "주요실적" or "주요" or "주요사업실적" or "주요사업" => IndicatorKind.Headline,
        "사업목표" or "사업" or "사업별성과목표" => IndicatorKind.Project,
        _ => null,
    };

    public static readonly IReadOnlyList<IndicatorKind> IndicatorKinds = Enum.GetValues<IndicatorKind>();

    public static string SiteKindLabel(CampusKind k) => k == CampusKind.Centre ? "센터" : "캠퍼스";
}
