using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Fifty.Ops.Domain;
using Fifty.Ops.Infrastructure;
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
        ["ImportTemplate"] = "입력 양식",
        ["ReportSnapshot"] = "보고서 확정본",
        ["StructureWorkbook"] = "연도 체계 엑셀",
        ["FiscalYear"] = "회계연도 체계",
        ["CommandLine"] = "명령줄 작업",
        ["DemoData"] = "예시 자료",
        ["AuditEntry"] = "감사 기록",
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
        ["ParentId"] = "상위 사업",
        ["NormalizedName"] = "이름 (검색용)",
        ["ConcurrencyStamp"] = "동시 수정 표식",
        ["Label"] = "표시 이름",
        ["IsDraft"] = "작성 중",
        ["SubValue"] = "보조 값",
        ["Source.Doc"] = "출처 보고서",
        ["Source.Section"] = "출처 위치",
        ["RowInSection"] = "구분 안 순서",
        ["NameInSource"] = "보고서상 이름",
        ["RateCommittedRaw"] = "집행률 (원인행위 기준, 원문)",
        ["RateDisbursedRaw"] = "집행률 (지출 기준, 원문)",
        ["ForecastRateRaw"] = "연말 집행예상률 (원문)",
        ["Item"] = "항목",
        ["Amount"] = "금액",
        ["IsTotal"] = "합계 행",
        ["ParentItem"] = "상위 항목",
        ["Area"] = "분야",
        ["ShareRaw"] = "비율 (원문)",
        ["Funding"] = "재원",
        ["Tags"] = "분류",
        ["SortOrder"] = "순서",
        ["OriginalBudget"] = "당초예산",
        ["RetiredAt"] = "일몰 시각",
        ["RetiredBy"] = "일몰 처리한 사람",
        ["RetiredReason"] = "일몰 사유",
        ["OpenedOn"] = "개관일",
        ["ClosedOn"] = "폐관일",
        ["Role"] = "역할",
        ["ReportYear"] = "보고 연도",
        ["OpenedRaw"] = "개관일 (원문)",
        ["StatusSince"] = "상태 시작일",
        ["Address"] = "주소",
        ["FloorAreaM2"] = "연면적 (㎡)",
        ["ManagedAreaM2"] = "관리 면적 (㎡)",
        ["FloorsRaw"] = "층수 (원문)",
        ["MainRooms"] = "주요 시설",
        ["Category"] = "구분",
        ["PrivateSeats"] = "전용 좌석",
        ["OpenSeats"] = "개방 좌석",
        ["AreaM2"] = "면적 (㎡)",
        ["SeatsRaw"] = "좌석 (원문)",
        ["OccupancyRaw"] = "입주율 (원문)",
        ["Field"] = "분야",
        ["Unit"] = "단위",
        ["Direction"] = "방향",
        ["Accumulation"] = "집계 방식",
        ["RelatedProjectCodes"] = "관련 사업",
        ["RelatedBasis"] = "관련 근거",
        ["Programme"] = "사업",
        ["Measure"] = "측정",
        ["BaselineYear"] = "기준 연도",
        ["BaselineValue"] = "기준값",
        ["TargetYear"] = "목표 연도",
        ["Position"] = "직위",
        ["TermRaw"] = "임기 (원문)",
        ["FoundedOn"] = "설립일",
        ["LegalForm"] = "법인 형태",
        ["Purpose"] = "설립 목적",
        ["Mission"] = "미션",
        ["Vision"] = "비전",
        ["Organisation"] = "조직",
        ["BusinessScope"] = "사업 범위",
        ["History"] = "연혁",
        ["CoreValues"] = "핵심 가치",
        ["ManagementGoals"] = "경영 목표",
        ["StrategicDirections"] = "전략 방향",
        ["Departments"] = "부서",
        ["Grade"] = "직급",
        ["Authorized"] = "정원",
        ["Current"] = "현원",
        ["Separate"] = "별도 정원",
        ["AreaNo"] = "분야 번호",
        ["AreaName"] = "분야",
        ["GroupName"] = "사업군",
        ["Title"] = "사업명",
        ["Summary"] = "요약",
        ["Audience"] = "대상",
        ["Content"] = "내용",
        ["RequiredBudget"] = "소요예산",
        ["ProgrammeCodes"] = "예산 사업 코드",
        ["TakenAt"] = "확정 시각",
        ["TakenBy"] = "확정한 사람",
        ["Format"] = "형식 버전",
        ["Json"] = "확정 내용",
        ["Sha256"] = "내용 해시",
        ["SupersededAt"] = "대체된 시각",
        ["SupersededBy"] = "대체한 사람",
        ["Structure"] = "연도 체계",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Names that mean something else on one object: a period's Action is 마감/재개, not an indicator's 조치 계획.</summary>
    private static readonly FrozenDictionary<string, string> TypedFields = new Dictionary<string, string>
    {
        ["PeriodStatusChange.Action"] = "처리",
        ["PeriodStatusChange.At"] = "처리 시각",
        ["PeriodStatusChange.By"] = "처리한 사람",
        ["PeriodStatusChange.Reason"] = "사유",
        ["ReportingPeriod.Label"] = "기간 이름",
        ["Campus.Kind"] = "시설 종류",
        ["ProgrammeNode.Kind"] = "사업 단계",
        ["Indicator.Kind"] = "지표 구분",
        ["IndicatorValue.Kind"] = "값 종류",
        ["ProjectNarrative.Kind"] = "구분",
        ["Indicator.Field"] = "분야",
        ["Executive.Role"] = "직책",
        ["StaffingEntry.Unit"] = "부서",
        ["StaffingEntry.Raw"] = "원문",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Korean words for every enum value an audited field can hold (checked against the model by a test).</summary>
    private static readonly FrozenDictionary<Enum, string> EnumWords = new Dictionary<Enum, string>
    {
        [PeriodAction.Open] = "개시",
        [PeriodAction.Close] = "마감",
        [PeriodAction.Reopen] = "재개",
        [IndicatorValueKind.Actual] = "실적",
        [IndicatorValueKind.Target] = "목표",
        [IndicatorValueKind.StatedRate] = "보고서 달성률",
        [IndicatorKind.Promise] = "성과약속지표",
        [IndicatorKind.Headline] = "주요 사업 실적",
        [IndicatorKind.Project] = "사업 지표",
        [Direction.Higher] = "높을수록 좋음",
        [Direction.Lower] = "낮을수록 좋음",
        [IndicatorAccumulation.Cumulative] = "누적",
        [IndicatorAccumulation.PointInTime] = "시점",
        [NarrativeKind.Progress] = "추진실적",
        [NarrativeKind.Plan] = "향후계획",
        [BudgetSection.Appendix] = "붙임 집행현황",
        [BudgetSection.ProjectTable] = "사업별 예산집행현황",
        [BudgetSection.RequiredBudget] = "사업개요 소요예산",
        [BudgetSection.Entry] = "입력",
        [BudgetSide.Revenue] = "세입",
        [BudgetSide.Expenditure] = "세출",
        [FundingSource.Contribution] = "출연금",
        [FundingSource.Subsidy] = "보조금",
        [FundingSource.Donation] = "기부금",
        [FundingSource.Commissioned] = "위수탁",
        [FundingSource.Own] = "자체",
        [ProgrammeKind.Total] = "소계",
        [ProgrammeKind.ProgrammeCosts] = "사업비",
        [ProgrammeKind.Overheads] = "일반관리비",
        [ProgrammeKind.PolicyArea] = "정책",
        [ProgrammeKind.UnitProject] = "단위사업",
        [ProgrammeKind.DetailedProject] = "세부사업",
        [ProgrammeKind.OverheadItem] = "관리비 항목",
        [ProgrammeKind.StrategicTask] = "전략과제",
        [ProgrammeKind.Project] = "사업",
        [CampusBudgetRole.Operation] = "운영",
        [CampusBudgetRole.Opening] = "개관",
        [CampusKind.Campus] = "캠퍼스",
        [CampusKind.Centre] = "센터",
        [FacilityStatus.Open] = "운영",
        [FacilityStatus.Planned] = "개관 예정",
        [FacilityStatus.Commissioned] = "위탁",
        [StructureStatus.Active] = "사용 중",
        [StructureStatus.Retired] = "일몰",
    }.ToFrozenDictionary();

    /// <summary>The domain's classes by the object type the trail stores for them, to read a field's type.</summary>
    private static readonly FrozenDictionary<string, Type> Entities = typeof(ReportingPeriod).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false, Namespace: "Fifty.Ops.Domain" } && !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), false))
        .GroupBy(t => t.GetCustomAttribute<AuditedAsAttribute>()?.ObjectType ?? t.Name)
        .ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    /// <summary>Integer fields that are numbers of a calendar or an order, not quantities: no thousands separator.</summary>
    private static bool IsOrdinalNumber(string field) =>
        field.EndsWith("Year", StringComparison.Ordinal) || field.EndsWith("Id", StringComparison.Ordinal)
        || field is "Quarter" or "Month" or "Level" or "Depth" or "Ordinal" or "SortOrder" or "RowInSection" or "Version" or "Format" or "AreaNo";

    /// <summary>"분기 보고서" for "QuarterlyReport"; null stays null; an unlisted type is returned as stored.</summary>
    public static string? ObjectLabel(string? type) => type is null ? null : Objects.GetValueOrDefault(type, type);

    /// <summary>The stored object types whose Korean label contains <paramref name="text"/> ("보고서" → QuarterlyReport).</summary>
    public static IReadOnlyList<string> TypesNamed(string text) =>
        Objects.Where(o => o.Value.Contains(text, StringComparison.Ordinal)).Select(o => o.Key).ToList();

    /// <summary>
    /// "주의 기준" for "CautionThreshold"; "처리" for a period change's "Action" (<paramref name="objectType"/> decides where a
    /// name means something else); a complex property "A.B" by its full name, else its last part; unlisted as stored.
    /// </summary>
    public static string? Field(string? name, string? objectType = null) =>
        name is null ? null
        : (objectType is null ? null : TypedFields.GetValueOrDefault($"{objectType}.{name}"))
          ?? Fields.GetValueOrDefault(name) ?? Fields.GetValueOrDefault(name[(name.LastIndexOf('.') + 1)..]) ?? name;

    /// <summary>
    /// A stored value as read elsewhere in the app: null or "null" → "—", True/False → 예/아니요, an enum of the field's
    /// type → its Korean word, a decimal or a count → "#,##0" (fractions kept, e.g. 4.5), a UTC time → Korea time, a
    /// list → "a, b", role names → 기획담당…; a "Name=value; …" list (an added or deleted record) pair by pair with
    /// Korean names. <paramref name="refs"/> (from <c>AuditReferences</c>) names the records behind "XxxId=n".
    /// </summary>
    public static string Value(string? value, string? field = null, string? objectType = null, IReadOnlyDictionary<string, string>? refs = null)
    {
        if (value is null) return "—";
        if (field is "Roles" or "RoleId") return RoleName().Replace(value, m => AppRoles.Label(m.Value));
        if (field is null && PairName().IsMatch(value)) return Pairs(value, objectType, refs);
        return One(value, field, objectType, refs);
    }

    /// <summary>One value of <paramref name="field"/> on <paramref name="objectType"/>, formatted by the field's CLR type.</summary>
    private static string One(string value, string? field, string? objectType, IReadOnlyDictionary<string, string>? refs)
    {
        var v = value.Trim();
        if (v is "null" or "") return "—";
        if (v == "True") return "예";
        if (v == "False") return "아니요";
        if (field is not null && refs?.GetValueOrDefault($"{field}={v}") is { } named) return named;
        var type = field is null ? null : FieldType(objectType, field);
        if (type is not null && type.IsEnum && Enum.TryParse(type, v, out var e) && EnumWords.TryGetValue((Enum)e!, out var word)) return word;
        if (type == typeof(decimal) || type == typeof(double))
        {
            if (decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var d)) return d.ToString("#,##0.###", CultureInfo.InvariantCulture);
        }
        else if ((type == typeof(int) || type == typeof(long)) && !IsOrdinalNumber(field!))
        {
            if (long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n.ToString("#,##0", CultureInfo.InvariantCulture);
        }

        if (IsoTime().IsMatch(v) && DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            return at.ToOffset(KoreaTime.Offset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        if (v.StartsWith('[') && v.EndsWith(']'))
        {
            try
            {
                if (JsonSerializer.Deserialize<List<string?>>(v) is { } items) return items.Count == 0 ? "—" : string.Join(", ", items);
            }
            catch (JsonException)
            {
                // Not a list we wrote: shown as stored.
            }
        }

        return value;
    }

    /// <summary>The CLR type of <paramref name="field"/> ("Source.Doc" for a complex part) on the named object, nullable unwrapped.</summary>
    private static Type? FieldType(string? objectType, string field)
    {
        if (objectType is null || !Entities.TryGetValue(objectType, out var type)) return null;
        foreach (var part in field.Split('.'))
        {
            type = type?.GetProperty(part, BindingFlags.Public | BindingFlags.Instance)?.PropertyType;
        }

        return type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
    }

    /// <summary>"시스템 (자동)" for the app's own actions, null for none.</summary>
    public static string? SystemActor(string? userName) => userName == AuditActor.System.UserName ? "시스템 (자동)" : null;

    /// <summary>
    /// The detail line: "GET 거부 · 필요한 역할: …" → "화면·파일 열기 거부 · …" (POST and others: "요청 거부"), and the
    /// "Code=…, Year=…" context of a change with Korean names.
    /// </summary>
    public static string? Detail(string? detail, string? objectType = null, IReadOnlyDictionary<string, string>? refs = null)
    {
        if (detail is null) return null;
        var text = RefusedMethod().Replace(detail, m => m.Groups[1].Value is "GET" or "HEAD" ? "화면·파일 열기 거부" : "요청 거부");
        // A server folder means nothing to a reader (the tooltip keeps it).
        text = SeedFolder().Replace(text, "초기 자료 폴더");
        return Pairs(text, objectType, refs);
    }

    /// <summary>Each "Name=value" pair (after the start, "; ", ", " or " · ") with the Korean name and the value read by its type.</summary>
    private static string Pairs(string text, string? objectType, IReadOnlyDictionary<string, string>? refs)
    {
        var matches = PairName().Matches(text);
        if (matches.Count == 0) return text;
        var sb = new StringBuilder(text[..matches[0].Index]);
        for (var i = 0; i < matches.Count; i++)
        {
            var m = matches[i];
            var end = i + 1 < matches.Count ? matches[i + 1].Index : text.Length;
            var name = m.Groups[2].Value;
            var rest = text[(m.Index + m.Length)..end];
            // A context list ends the last pair at the next " · " part of the detail, if any.
            var tail = "";
            if (i + 1 == matches.Count && rest.IndexOf(" · ", StringComparison.Ordinal) is var dot and >= 0)
            {
                tail = rest[dot..];
                rest = rest[..dot];
            }

            sb.Append(m.Groups[1].Value).Append(Field(name, objectType)).Append('=').Append(One(rest, name, objectType, refs)).Append(tail);
        }

        return sb.ToString();
    }

    [GeneratedRegex(@"\b(admin|planner|director|auditor)\b")]
    private static partial Regex RoleName();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex IsoTime();

    [GeneratedRegex(@"(?:[A-Za-z]:)?[/\\]\S*seed-data\S*")]
    private static partial Regex SeedFolder();

    [GeneratedRegex(@"^(GET|HEAD|POST|PUT|PATCH|DELETE) 거부")]
    private static partial Regex RefusedMethod();

    /// <summary>A property name right before '=' at the start or after "; " / ", " / " · ".</summary>
    [GeneratedRegex(@"(^|; |, | · )([A-Z][A-Za-z0-9]*(?:\.[A-Z][A-Za-z0-9]*)?)=")]
    private static partial Regex PairName();
}
