using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Fifty.Ops.Infrastructure.Auditing;
using Fifty.Ops.Infrastructure.Security;

namespace Fifty.Ops.Features.Audit;

/// <summary>
/// Korean words for what the trail stores in code terms: object types ("User", "QuarterlyReport"), field names
/// ("CautionThreshold"), "Name=value" lists of added or deleted records, true/false, and the HTTP method in a refused
/// request. Only the screen translates: the stored entries (hash-chained) and the workbook keep the exact text, and the
/// screen shows it as a tooltip. A name not listed here is shown as stored.
/// </summary>
public static partial class AuditLabels
{
    private static readonly FrozenDictionary<string, string> Objects = new Dictionary<string, string>
    {
        ["User"] = "사용자 계정",
        ["Session"] = "로그인 세션",
        ["Url"] = "화면·파일 주소",
        ["AuditTrail"] = "감사 기록",
        ["QuarterlyReport"] = "분기 보고서",
        ["ExecutionWorkbook"] = "예산 집행 현황 엑셀",
        ["BudgetWorkbook"] = "예산 엑셀",
        ["Import"] = "엑셀 가져오기",
        ["ImportBatch"] = "엑셀 가져오기 기록",
        ["Backup"] = "백업",
        ["ReportingPeriod"] = "보고 기간",
        ["PeriodStatusChange"] = "마감·해제 이력",
        ["Indicator"] = "성과지표",
        ["IndicatorValue"] = "성과지표 목표·실적",
        ["IndicatorComment"] = "원인 분석·조치 계획",
        ["PolicyTarget"] = "정책 목표",
        ["BudgetLine"] = "예산 집행 금액",
        ["BudgetSummaryItem"] = "예산 총괄 항목",
        ["ProgrammeNode"] = "사업 체계",
        ["ProgrammeCostShare"] = "사업비 구성",
        ["Project"] = "사업",
        ["ProjectNarrative"] = "추진실적·향후계획",
        ["Campus"] = "캠퍼스",
        ["CampusUsage"] = "캠퍼스 월별 이용",
        ["CampusFacility"] = "캠퍼스 시설",
        ["CampusBudgetLink"] = "캠퍼스·예산 연결",
        ["CampusProgrammeResult"] = "캠퍼스 사업 실적",
        ["SharedOffice"] = "공유 오피스",
        ["StaffingEntry"] = "정원·현원",
        ["Executive"] = "임원",
        ["InstitutionProfile"] = "기관 현황",
        ["AppRole"] = "역할",
        ["SeedData"] = "초기 자료",
        ["AppUserRole"] = "사용자 역할",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> Fields = new Dictionary<string, string>
    {
        ["UserName"] = "아이디",
        ["DisplayName"] = "이름",
        ["Roles"] = "역할",
        ["RoleId"] = "역할",
        ["UserId"] = "사용자",
        ["IsDisabled"] = "사용 중지",
        ["IsDemo"] = "시연용 계정",
        ["PasswordHash"] = "비밀번호",
        ["LockoutEnd"] = "잠금",
        ["CreatedAt"] = "만든 시각",
        ["LastSignInAt"] = "마지막 로그인",
        ["IsClosed"] = "마감",
        ["ClosedAt"] = "마감 시각",
        ["ClosedBy"] = "마감한 사람",
        ["ReopenReason"] = "마감 해제 사유",
        ["ReopenedAt"] = "마감 해제 시각",
        ["ReopenedBy"] = "마감 해제한 사람",
        ["AsOf"] = "기준일",
        ["AsOfRaw"] = "기준일 (원문)",
        ["Year"] = "연도",
        ["Quarter"] = "분기",
        ["Month"] = "월",
        ["Code"] = "코드",
        ["Name"] = "이름",
        ["Kind"] = "종류",
        ["Status"] = "상태",
        ["Target"] = "목표",
        ["TargetText"] = "목표 (입력 원문)",
        ["TargetValue"] = "목표값",
        ["Actual"] = "실적",
        ["ActualText"] = "실적 (입력 원문)",
        ["Raw"] = "원문",
        ["Value"] = "값",
        ["Cause"] = "원인 분석",
        ["Action"] = "조치 계획",
        ["CautionThreshold"] = "주의 기준",
        ["CurrentBudget"] = "예산현액",
        ["Original"] = "당초 예산",
        ["Supplementary"] = "추경",
        ["Transfers"] = "예산변경",
        ["Committed"] = "원인행위액",
        ["Disbursed"] = "지출액",
        ["Forecast"] = "연말 집행예상액",
        ["Visits"] = "방문 인원",
        ["CourseParticipants"] = "강좌 참여 인원",
        ["CounsellingCases"] = "상담 건수",
        ["Communities"] = "커뮤니티 수",
        ["OccupiedSeats"] = "사용 좌석",
        ["Seats"] = "좌석",
        ["Text"] = "내용",
        ["Level"] = "수준",
        ["Depth"] = "수준",
        ["ScheduleRaw"] = "일정",
        ["Ordinal"] = "순서",
        ["Side"] = "구분",
        ["Section"] = "구분",
        ["Note"] = "비고",
        ["Reason"] = "사유",
        ["At"] = "시각",
        ["By"] = "처리한 사람",
        ["Author"] = "작성자",
        ["UpdatedAt"] = "수정 시각",
        ["UpdatedBy"] = "수정한 사람",
        ["Version"] = "버전",
        ["FileName"] = "파일 이름",
        ["ContentHash"] = "파일 해시",
        ["SizeBytes"] = "크기 (바이트)",
        ["ChangeCount"] = "변경 건수",
        ["ImportedAt"] = "가져온 시각",
        ["ImportedBy"] = "가져온 사람",
        ["IndicatorId"] = "성과지표",
        ["ProjectId"] = "사업",
        ["ProgrammeNodeId"] = "사업 체계",
        ["CampusId"] = "캠퍼스",
        ["ReportingPeriodId"] = "보고 기간",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>"분기 보고서" for "QuarterlyReport"; null stays null; an unlisted type is returned as stored.</summary>
    public static string? ObjectLabel(string? type) => type is null ? null : Objects.GetValueOrDefault(type, type);

    /// <summary>The stored object types whose Korean label contains <paramref name="text"/> ("보고서" → QuarterlyReport).</summary>
    public static IReadOnlyList<string> TypesNamed(string text) =>
        Objects.Where(o => o.Value.Contains(text, StringComparison.Ordinal)).Select(o => o.Key).ToList();

    /// <summary>"주의 기준" for "CautionThreshold"; a complex property "A.B" is named by its last part.</summary>
    public static string? Field(string? name) =>
        name is null ? null : Fields.GetValueOrDefault(name) ?? Fields.GetValueOrDefault(name[(name.LastIndexOf('.') + 1)..]) ?? name;

    /// <summary>
    /// A stored value as read: True/False → 예/아니요, role names of a roles field → 기획담당…, a "Name=value; …" list
    /// with Korean names.
    /// </summary>
    public static string? Value(string? value, string? field = null) => value switch
    {
        null => null,
        "True" => "예",
        "False" => "아니요",
        _ when field is "Roles" or "RoleId" => RoleName().Replace(value, m => AppRoles.Label(m.Value)),
        _ => Pairs(value),
    };

    /// <summary>"시스템 (자동)" for the app's own actions, null for none.</summary>
    public static string? SystemActor(string? userName) => userName == AuditActor.System.UserName ? "시스템 (자동)" : null;

    /// <summary>
    /// The detail line: "GET 거부 · 필요한 역할: …" → "화면·파일 열기 거부 · …" (POST and others: "요청 거부"), and the
    /// "Code=…, Year=…" context of a change with Korean names.
    /// </summary>
    public static string? Detail(string? detail)
    {
        if (detail is null) return null;
        var text = RefusedMethod().Replace(detail, m => m.Groups[1].Value is "GET" or "HEAD" ? "화면·파일 열기 거부" : "요청 거부");
        // A server folder means nothing to a reader (the tooltip keeps it).
        text = SeedFolder().Replace(text, "초기 자료 폴더");
        return Pairs(text);
    }

    private static string Pairs(string text) =>
        PairName().Replace(text, m => m.Groups[1].Value + (Fields.TryGetValue(m.Groups[2].Value, out var label) ? label : m.Groups[2].Value) + "=")
            .Replace("=True", "=예", StringComparison.Ordinal).Replace("=False", "=아니요", StringComparison.Ordinal);

    [GeneratedRegex(@"\b(admin|planner|director|auditor)\b")]
    private static partial Regex RoleName();

    [GeneratedRegex(@"(?:[A-Za-z]:)?[/\\]\S*seed-data\S*")]
    private static partial Regex SeedFolder();

    [GeneratedRegex(@"^(GET|HEAD|POST|PUT|PATCH|DELETE) 거부")]
    private static partial Regex RefusedMethod();

    /// <summary>A property name right before '=' at the start or after "; " / ", " / " · ".</summary>
    [GeneratedRegex(@"(^|; |, | · )([A-Z][A-Za-z0-9]*(?:\.[A-Z][A-Za-z0-9]*)?)=")]
    private static partial Regex PairName();
}
