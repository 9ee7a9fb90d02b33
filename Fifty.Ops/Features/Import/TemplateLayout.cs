using System.Security.Cryptography;
using System.Text;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Campuses;
using Fifty.Ops.Features.DataEntry;

namespace Fifty.Ops.Features.Import;

/// <summary>A column of a template sheet: its heading, width, and whether the planner fills it in.</summary>
public sealed record TemplateColumn(string Heading, double Width, bool Editable = false, bool Amount = false);

/// <summary>
/// The layout the template is written with and the upload is read with, in one place so the two cannot drift. Each
/// area sheet has a title (row 1), a note (row 2), headings (row 3) and data from row 4; its last column is a hidden
/// check value: the version of the record when the template was made and a hash of the values it showed, which lets
/// the import tell a row the planner changed from one they left alone, and a change someone else saved meanwhile.
/// </summary>
public static class TemplateLayout
{
    /// <summary>The form's edition in the guide sheet (B3), in Korean words as the user sees it; the importer checks it.</summary>
    public const string Marker = "서울시50플러스재단 분기 입력 양식 1판";

    /// <summary>Markers of editions written before the marker was put in Korean: the same layout, still accepted.</summary>
    public static readonly IReadOnlyList<string> LegacyMarkers = ["Fifty.Ops 분기 입력 양식 v1"];
    public const int HeadingRow = 3;
    public const int FirstDataRow = 4;

    public const string GuideSheet = "안내";
    public const string IndicatorsSheet = "성과지표";
    public const string BudgetSheet = "예산집행";
    public const string NarrativesSheet = "사업별 실적";
    public const string CampusSheet = "캠퍼스 이용";

    public const string GuideForm = "양식";
    public const string GuideYear = "회계연도";
    public const string GuideQuarter = "분기";
    public const string GuideAsOf = "기준일";

    public static readonly IReadOnlyList<TemplateColumn> IndicatorColumns =
    [
        new("코드", 12), new("구분", 9), new("분야", 16), new("지표명", 40), new("단위", 8),
        new("적용 중인 목표 (참고)", 16), new("적용 중인 실적 (참고)", 16),
        new("목표 입력", 16, Editable: true), new("실적 입력", 16, Editable: true),
        new("원인 분석", 36, Editable: true), new("조치 계획", 36, Editable: true), new("확인값", 10),
    ];

    public static readonly IReadOnlyList<TemplateColumn> BudgetColumns =
    [
        new("코드", 10), new("사업명", 36), new("분야", 24),
        new("예산현액", 14, true, true), new("당초", 14, true, true), new("추경", 12, true, true), new("예산변경", 12, true, true),
        new("원인행위액", 14, true, true), new("지출액", 14, true, true), new("연말 집행예상액", 15, true, true),
        new("참고: 예산현액", 14, Amount: true), new("참고: 원인행위액", 14, Amount: true), new("참고: 지출액", 14, Amount: true), new("참고 기준", 26),
        new("확인값", 10),
    ];

    public static readonly IReadOnlyList<TemplateColumn> NarrativeColumns =
    [
        new("사업코드", 10, true), new("사업명 (참고)", 30), new("구분", 10, true), new("순번", 6, true), new("수준", 6, true),
        new("내용", 70, true), new("일정", 14, true), new("확인값", 10),
    ];

    public static readonly IReadOnlyList<TemplateColumn> CampusColumns =
    [
        new("캠퍼스 코드", 11), new("캠퍼스", 18), new("월", 6),
        new("방문 인원 (명)", 13, true), new("교육과정 참여 인원 (명)", 15, true), new("상담 건수 (건)", 12, true),
        new("커뮤니티 수 (개)", 12, true), new("입주 좌석 수 (석)", 12, true), new("좌석 수 (참고)", 11), new("확인값", 10),
    ];

    /// <summary>The 1-based column of a budget amount on the 예산집행 sheet.</summary>
    public static int BudgetColumnOf(BudgetField field) => 4 + (int)field;

    public static int CampusColumnOf(UsageMetric metric) => 4 + (int)metric;

    public static string KindText(NarrativeKind kind) => NarrativeEntryService.KindLabel(kind);

    public static string KindCode(NarrativeKind kind) => kind == NarrativeKind.Progress ? "P" : "F";

    /// <summary>The check value of a row: "{version token}|{hash of the values shown}".</summary>
    public static string Check(string token, string canonical) => $"{token}|{Hash(canonical)}";

    public static string Hash(string canonical) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..16];

    public static string Canonical(params string?[] values) => string.Join('\u001f', values.Select(v => (v ?? "").Trim()));

    public static string Canonical(BudgetAmounts a) =>
        Canonical(BudgetFields.All.Select(f => a[f] is { } v ? v.ToString("0", System.Globalization.CultureInfo.InvariantCulture) : "").ToArray());

    public static string Canonical(IEnumerable<NarrativeBullet> bullets) =>
        string.Join('\u001e', bullets.Select(b => Canonical(b.Depth.ToString(System.Globalization.CultureInfo.InvariantCulture), b.Text, b.Schedule)));

    public static string Canonical(IEnumerable<int?> metrics) =>
        Canonical(metrics.Select(m => m?.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
}
