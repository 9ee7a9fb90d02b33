using Fifty.Ops.Components;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Budget;
using Fifty.Ops.Features.Campuses;
using Fifty.Ops.Features.Indicators;
using Fifty.Ops.Infrastructure.Excel;

namespace Fifty.Ops.Features.Reports;

/// <summary>
/// The quarterly work report as one workbook: 요약, 성과지표, 예산집행, 사업별 실적, 캠퍼스 이용, 붙임. It writes what
/// <see cref="QuarterlyReportService"/> gathered (the same records the preview and the PDF show) and recomputes nothing;
/// the only formulas are totals and shares of the cells shown beside them, where the formula is the truth.
/// </summary>
public sealed class QuarterlyWorkbook(QuarterlyReportService reports)
{
    private const int HeadingRow = 5;
    private static readonly string[] UsageHeadings = ["구분", "단위"];
    private static readonly string[] OfficeHeadings = ["캠퍼스", "", "좌석", "면적(㎡)", "입주", "사용률", "보고서 사용률"];
    private static readonly string[] MonthlyHeadings = ["캠퍼스", "", "이용인원", "교육 참여", "상담 건수", "미입력(월)", ""];
    private static readonly UsageMetric[] FlowMetrics = [UsageMetric.Visits, UsageMetric.CourseParticipants, UsageMetric.CounsellingCases];

    /// <summary>Writes the workbook of exactly this period; null when the period does not exist.</summary>
    public async Task<QuarterlyReport?> WriteAsync(int year, int quarter, Stream output, CancellationToken ct = default)
    {
        var report = await reports.GetAsync(year, quarter, ct);
        if (report is null) return null;
        Write(report, output);
        return report;
    }

    public static void Write(QuarterlyReport report, Stream output)
    {
        using var workbook = XlsxWorkbook.Create(output);
        var s = new Styles(workbook.Styles);
        var printedAt = $"{report.GeneratedAt:yyyy. M. d. HH:mm}";
        WriteSummary(workbook, s, report, printedAt);
        WriteIndicators(workbook, s, report, printedAt);
        if (report.Budget.Mode != BudgetGridMode.None)
        {
            // The analysis grid exactly as the auditor's execution workbook writes it (one implementation of that sheet).
            ExecutionSheet.Write(workbook, report.OrganisationName, report.Period, report.Budget, printedAt);
        }
        else
        {
            WriteMissingSheet(workbook, s, report, printedAt, "예산집행", "세부사업별 예산 집행 현황");
        }

        WriteProjects(workbook, s, report, printedAt);
        WriteCampuses(workbook, s, report, printedAt);
        WriteAppendix(workbook, s, report, printedAt);
    }

    private sealed class Styles(StyleSheetBuilder b)
    {
        public uint Title { get; } = b.Index(new CellStyle(Bold: true, FontSize: 14));
        public uint Section { get; } = b.Index(new CellStyle(Bold: true, FontSize: 11));
        public uint Meta { get; } = b.Index(new CellStyle(Align: CellAlign.Left));
        public uint MetaRight { get; } = b.Index(new CellStyle(Align: CellAlign.Right));
        public uint Heading { get; } = b.Index(new CellStyle(Bold: true, Fill: "DDE3EA", Border: true, Align: CellAlign.Center, Wrap: true));
        public uint Text { get; } = b.Index(new CellStyle(Border: true, Align: CellAlign.Left));
        public uint Wrapped { get; } = b.Index(new CellStyle(Border: true, Align: CellAlign.Left, Wrap: true));
        public uint TextRight { get; } = b.Index(new CellStyle(Border: true, Align: CellAlign.Right));
        public uint Amount { get; } = b.Index(new CellStyle(CellStyle.Formats.Amount, Border: true));
        public uint Rate { get; } = b.Index(new CellStyle(CellStyle.Formats.Percent, Border: true));
        public uint TotalText { get; } = b.Index(new CellStyle(Bold: true, Fill: "EEF3FB", Border: true, Align: CellAlign.Left));
        public uint TotalAmount { get; } = b.Index(new CellStyle(CellStyle.Formats.Amount, Bold: true, Fill: "EEF3FB", Border: true));
        public uint Missing { get; } = b.Index(new CellStyle(Align: CellAlign.Left, Fill: "FDF1F0"));

        public uint Name(int depth, bool bold) => b.Index(new CellStyle(Bold: bold, Border: true, Align: CellAlign.Left, Indent: (uint)depth, Wrap: true));

        public uint AmountAt(bool bold) => bold ? TotalAmount : Amount;
    }

    private static SheetLayout Layout(QuarterlyReport r, string sheetTitle, IReadOnlyList<double> widths, int frozenColumns = 1, int maxOutline = 0, bool landscape = true) => new()
    {
        ColumnWidths = widths,
        FrozenRows = HeadingRow,
        FrozenColumns = frozenColumns,
        MaxOutlineLevel = maxOutline,
        PrintTitleRows = (HeadingRow, HeadingRow),
        Landscape = landscape,
        FooterLeft = $"{r.OrganisationName} · {r.Title} · {sheetTitle} ({Fmt.AsOf(r.Period.AsOf)})",
    };

    /// <summary>Rows 1–4: title, 기관명 / 출력일시, 보고서명 / 기준일, 출처 / 단위.</summary>
    private static void Header(XlsxSheetWriter sheet, Styles s, QuarterlyReport r, string title, int columns, string unit, string printedAt, string? note = null) =>
        HeaderBlock.Write(sheet, new HeaderStyles(s.Title, s.Meta, s.MetaRight), $"{r.Title} · {title}", columns,
        [
            ($"기관명 : {r.OrganisationName}", $"출력일시 : {printedAt}"),
            ($"보고서명 : {r.Name} · {(r.Period.IsClosed ? "마감" : "마감 전")}", $"기준일 : {Fmt.Date(r.Period.AsOf)}"),
            (note ?? "", $"(단위 : {unit})"),
        ], rightColumns: 3);

    private static void Headings(XlsxSheetWriter sheet, Styles s, IEnumerable<string> headings) =>
        sheet.WriteRow(headings.Select(h => XlsxCell.Of(h, s.Heading)).ToList(), height: 33);

    private static XlsxCell Num(decimal? value, uint style) => XlsxCell.Of(value, style);

    private static XlsxCell Txt(string? text, uint style) => XlsxCell.Of(text, style);

    private static void WriteSummary(XlsxWorkbook wb, Styles s, QuarterlyReport r, string printedAt)
    {
        double[] widths = [34, 16, 14, 14, 30];
        using var sheet = wb.AddSheet("요약", Layout(r, "요약", widths, landscape: false));
        Header(sheet, s, r, "요약", widths.Length, "천원, %, 개", printedAt);
        Headings(sheet, s, ["항목", "값", "비중·비율", "비고", "출처·설명"]);

        var total = r.Budget.Total;
        if (r.Budget.Partial is { } part)
        {
            // Mid-entry: the sum of the lines entered so far, labelled as such in the row's own name (never as 소계).
            sheet.WriteRow([Txt($"예산현액 ({part.Label})", s.Text), Num(part.CurrentBudget, s.Amount), XlsxCell.Blank(s.Text), Txt("천원", s.Text), Txt(part.Note, s.Wrapped)]);
            sheet.WriteRow([Txt($"지출액 ({part.Label})", s.Text), Num(part.Disbursed, s.Amount), Num(part.DisbursedRate, s.Rate), Txt($"집행률 (지출 기준) = 지출액 ÷ 예산현액, 두 값이 모두 있는 {part.DisbursedRateLines}개 세부사업", s.Wrapped), XlsxCell.Blank(s.Text)]);
            sheet.WriteRow([Txt($"원인행위액 ({part.Label})", s.Text), Num(part.Committed, s.Amount), Num(part.CommittedRate, s.Rate), Txt($"집행률 (원인행위 기준) = 원인행위액 ÷ 예산현액, 두 값이 모두 있는 {part.CommittedRateLines}개 세부사업", s.Wrapped), XlsxCell.Blank(s.Text)]);
        }
        else
        {
            sheet.WriteRow([Txt("예산현액 (붙임 소계)", s.Text), Num(total?.CurrentBudget, s.Amount), XlsxCell.Blank(s.Text), Txt("천원", s.Text), Txt(r.Budget.ExecutionSource ?? "집행 현황 없음", s.Wrapped)]);
            sheet.WriteRow([Txt("지출액", s.Text), Num(total?.Disbursed, s.Amount), Num(total?.DisbursedRate, s.Rate), Txt("집행률 (지출 기준) = 지출액 ÷ 예산현액", s.Wrapped), XlsxCell.Blank(s.Text)]);
            sheet.WriteRow([Txt("원인행위액", s.Text), Num(total?.Committed, s.Amount), Num(total?.CommittedRate, s.Rate), Txt("집행률 (원인행위 기준) = 원인행위액 ÷ 예산현액", s.Wrapped), Txt(total?.Committed is null ? "모든 세부사업에 원인행위액이 있지 않아 합계를 내지 않음" : null, s.Wrapped)]);
        }

        foreach (var status in Enum.GetValues<AchievementStatus>())
        {
            sheet.WriteRow([Txt($"성과지표 {status.Symbol()} {status.Label()}", s.Text), Num(r.Indicators.Count(status), s.Amount), XlsxCell.Blank(s.Text), Txt("개", s.Text), XlsxCell.Blank(s.Text)]);
        }

        var staff = r.Staffing.FirstOrDefault(x => x.Unit == "계" && x.Grade == "계");
        sheet.WriteRow([Txt("정원 / 현원", s.Text), Num(staff?.Authorized, s.Amount), Num(staff?.Current, s.Amount), Txt("명", s.Text), Txt(r.StaffingAsOf is { } sa ? Fmt.AsOf(sa) : "인력 현황 없음" + ReportEntryPoints.Tail(ReportEntryPoints.StaffingPlace), s.Text)]);

        sheet.WriteRow([]);
        sheet.WriteRow([Txt("예산 총괄 (수입 · 지출)", s.Section)]);
        foreach (var (side, items) in new[] { ("수입", r.Budget.Revenue), ("지출", r.Budget.Expenditure) })
        {
            if (items.Count == 0)
            {
                sheet.WriteRow([Txt($"자료 없음: {r.Period.Year}년 예산 총괄표({side})가 입력되지 않았습니다{ReportEntryPoints.Tail(ReportEntryPoints.SummaryPlace)}", s.Missing)]);
                continue;
            }

            foreach (var item in items)
            {
                sheet.WriteRow([Txt($"{side} · {item.Item}", item.IsTotal ? s.TotalText : s.Text), Num(item.Amount, s.AmountAt(item.IsTotal)), XlsxCell.Blank(s.Text), Txt("천원", s.Text), Txt(r.Budget.SummaryAsOf is { } a ? Fmt.AsOf(a) : null, s.Text)]);
            }
        }

        if (r.Budget.CostShares.Count > 0)
        {
            sheet.WriteRow([]);
            sheet.WriteRow([Txt("분야별 사업비 비중 (비율 = 사업비 ÷ 합계, 수식)", s.Section)]);
            var totalRow = 0;
            foreach (var c in r.Budget.CostShares)
            {
                var row = sheet.RowCount + 1;
                if (c.IsTotal) totalRow = row;
                // No amount (or no total) means no share: a formula over a blank cell would print 0 or #DIV/0!.
                var share = c.IsTotal || totalRow == 0 || c.ComputedShare is null
                    ? XlsxCell.Blank(s.Text)
                    : XlsxCell.Calc($"B{row}/B${totalRow}", c.ComputedShare, s.Rate);
                sheet.WriteRow([Txt(c.Area, c.IsTotal ? s.TotalText : s.Text), Num(c.Amount, s.AmountAt(c.IsTotal)), share, Txt(c.ShareRaw is null ? null : $"보고서 {c.ShareRaw}%", s.Text), Txt(c.Note, s.Wrapped)]);
            }
        }
    }

    private static void WriteIndicators(XlsxWorkbook wb, Styles s, QuarterlyReport r, string printedAt)
    {
        var years = r.Indicators.HistoryYears;
        var headings = new List<string> { "구분", "분야", "지표명", "단위" };
        headings.AddRange(years.Select(y => $"{y} 실적"));
        headings.AddRange(["목표 (원문)", "목표", "실적 (원문)", "실적", "달성률\n(실적÷목표)", "진도 대비", "상태", "실적 기준일", "실적 출처 · 보고서 달성률", "원인 분석", "조치 계획"]);
        var widths = new List<double> { 12, ColumnWidths.Fit(r.Indicators.Rows.Select(x => x.Field), 12, 28), ColumnWidths.Fit(r.Indicators.Rows.Select(x => x.DisplayName), 24, 50), 7 };
        widths.AddRange(years.Select(_ => 11.0));
        widths.AddRange([12, 11, 12, 11, 11, 10, 10, 12, 16, 30, 30]);

        using var sheet = wb.AddSheet("성과지표", Layout(r, "성과지표", widths, frozenColumns: 3));
        Header(sheet, s, r, "성과지표", widths.Count, "지표별 단위, 달성률 %", printedAt, "달성률 = 실적 ÷ 목표 (낮을수록 좋은 지표는 목표 ÷ 실적). 괄호·분모가 있는 값은 앞의 수로 계산.");
        Headings(sheet, s, headings);
        if (r.Indicators.Rows.Count == 0)
        {
            sheet.WriteRow([Txt($"자료 없음: {r.Period.Year}년 성과지표가 입력되지 않았습니다.", s.Missing)]);
            return;
        }

        foreach (var x in r.Indicators.Rows)
        {
            var cells = new List<XlsxCell> { Txt(KindLabel(x.Kind), s.Text), Txt(x.Field, s.Wrapped), Txt(x.DisplayName, s.Wrapped), Txt(x.Unit, s.Text) };
            cells.AddRange(years.Select(y => x.History.FirstOrDefault(h => h.Year == y) is { } h
                ? h.Value is { } v && h.SubValue is null ? Num(v, s.Amount) : Txt(h.Raw, s.TextRight)
                : XlsxCell.Blank(s.Text)));
            cells.AddRange(
            [
                Txt(x.TargetText, s.TextRight), Num(x.Target?.Value, s.Amount),
                Txt(x.ActualText, s.TextRight), Num(x.Actual?.Value, s.Amount),
                Num(x.Achievement.Rate, s.Rate), Num(x.Achievement.Pace, s.Rate),
                Txt($"{x.Achievement.Status.Symbol()} {x.Achievement.Status.Label()}", s.Text),
                Txt(x.Actual?.AsOf is { } a ? Fmt.Date(a) : null, s.Text),
                Txt(x.Actual is { IsEntered: true } entered ? entered.SourceLabel : x.StatedRateRaw is { } stated ? $"보고서: {stated}" : null, s.Wrapped),
                Txt(x.Comment?.Cause, s.Wrapped), Txt(x.Comment?.Action, s.Wrapped),
            ]);
            sheet.WriteRow(cells);
        }

        sheet.AutoFilter(HeadingRow, sheet.RowCount, widths.Count);
    }

    private static void WriteProjects(XlsxWorkbook wb, Styles s, QuarterlyReport r, string printedAt)
    {
        double[] widths = [20, 30, 26, 12, 12, 10, 10, 13, 13, 13, 10, 13, 60, 50];
        using var sheet = wb.AddSheet("사업별 실적", Layout(r, "사업별 실적", widths, frozenColumns: 2));
        Header(sheet, s, r, "사업별 실적", widths.Length, "천원, 지표별 단위, %", printedAt, "예산은 붙임 예산 집행 현황과 같은 값(입력 값 우선), 추진실적·향후계획은 이 분기 본문.");
        Headings(sheet, s, ["분야", "사업명", "성과목표", "목표", "실적", "달성률", "상태", ExecutionColumns.RequiredBudget.Label, ExecutionColumns.CurrentBudget.Label,
            ExecutionColumns.Disbursed.Label, ExecutionColumns.DisbursedRate.SheetHeading, ExecutionColumns.Forecast.SheetHeading, "추진실적", "향후계획"]);
        if (r.Projects.Count == 0)
        {
            sheet.WriteRow([Txt($"자료 없음: {r.Period.Year}년 주요사업이 입력되지 않았습니다.", s.Missing)]);
            return;
        }

        var first = sheet.RowCount + 1;
        foreach (var p in r.Projects)
        {
            var target = p.Summary.Targets.FirstOrDefault(t => t.Kind == IndicatorKind.Project);
            var lines = r.ExecutionOf(p);
            decimal? Sum(Func<ExecutionRow, decimal?> f) => lines.Count > 0 && lines.All(l => f(l) is not null) ? lines.Sum(f) : null;
            var budget = Sum(l => l.CurrentBudget);
            var disbursed = Sum(l => l.Disbursed);
            sheet.WriteRow(
            [
                Txt($"{p.Summary.AreaNo}. {p.Summary.AreaName}", s.Wrapped),
                Txt(p.Summary.Title, s.Wrapped),
                Txt(target?.Name ?? p.TargetText, s.Wrapped),
                Txt(target?.TargetText, s.TextRight),
                Txt(target?.ActualText ?? p.ActualText, s.TextRight),
                Num(target?.Achievement.Rate, s.Rate),
                Txt(target is null ? null : $"{target.Achievement.Status.Symbol()} {target.Achievement.Status.Label()}", s.Text),
                Num(p.Summary.RequiredBudget, s.Amount),
                Num(budget, s.Amount),
                Num(disbursed, s.Amount),
                Num(Fmt.Ratio(disbursed, budget), s.Rate),
                Num(Sum(l => l.Forecast), s.Amount),
                Txt(Bullets(p.Progress), s.Wrapped),
                Txt(Bullets(p.Plan), s.Wrapped),
            ]);
        }

        var last = sheet.RowCount;
        sheet.AutoFilter(HeadingRow, last, widths.Length);
        // The total of the rows shown above: a formula, because that is exactly what it is.
        // With no 소요예산 above, a SUM would print a 0 nobody stated: the cell stays blank instead.
        var required = r.Projects.Any(p => p.Summary.RequiredBudget is not null) ? r.Projects.Sum(p => p.Summary.RequiredBudget ?? 0) : (decimal?)null;
        sheet.WriteRow(
        [
            Txt("합계 (위 사업의 합)", s.TotalText), XlsxCell.Blank(s.TotalText), XlsxCell.Blank(s.TotalText), XlsxCell.Blank(s.TotalText), XlsxCell.Blank(s.TotalText),
            XlsxCell.Blank(s.TotalText), XlsxCell.Blank(s.TotalText), required is null ? XlsxCell.Blank(s.TotalText) : XlsxCell.Calc($"SUM(H{first}:H{last})", required, s.TotalAmount),
        ]);
    }

    private static void WriteCampuses(XlsxWorkbook wb, Styles s, QuarterlyReport r, string printedAt)
    {
        var c = r.Campuses;
        var years = c.Trend?.Years.ToList() ?? c.UsageHistory.SelectMany(u => u.Values).Select(v => v.Year).Distinct().Order().ToList();
        var columns = Math.Max(7, 2 + years.Count);
        var widths = new List<double> { 34, 9 };
        widths.AddRange(Enumerable.Repeat(12.0, columns - 2));
        using var sheet = wb.AddSheet("캠퍼스 이용", Layout(r, "캠퍼스 이용", widths, landscape: false));
        Header(sheet, s, r, "캠퍼스 이용" + (c.Usage.IncludesDemo ? " [예시 데이터 포함]" : ""), columns, "명·건·석·㎡, %", printedAt,
            c.Usage.IncludesDemo ? "예시 데이터: 월별 수치 일부는 시연용으로 생성된 값입니다." : null);
        Headings(sheet, s, UsageHeadings.Concat(years.Select(y => $"{y}")).Concat(Enumerable.Repeat("", columns - 2 - years.Count)));
        if (c.Trend is { } trend)
        {
            WriteTrend(sheet, s, trend, years);
        }
        else foreach (var u in c.UsageHistory)
        {
            var cells = new List<XlsxCell> { Txt(u.Indicator, s.Wrapped), Txt(u.Unit, s.Text) };
            cells.AddRange(years.Select(y => u.Values.FirstOrDefault(v => v.Year == y) is { } v
                ? v.Value is { } n ? Num(n, s.Amount) : Txt(v.Raw, s.TextRight)
                : XlsxCell.Blank(s.Text)));
            sheet.WriteRow(cells);
        }

        if (c.Trend is null && c.UsageHistory.Count == 0) sheet.WriteRow([Txt("자료 없음: 캠퍼스 이용 추이 자료가 없습니다.", s.Missing)]);

        sheet.WriteRow([]);
        sheet.WriteRow([Txt($"공유사무실 ({SourceText.YearSource(c.SharedOffices.Year, c.SharedOffices.Source)}) — 사용률 = 입주 ÷ 좌석 (수식)", s.Section)]);
        sheet.WriteRow(OfficeHeadings.Select(h => Txt(h, s.Heading)).ToList());
        foreach (var o in c.SharedOffices.Rows)
        {
            var row = sheet.RowCount + 1;
            var rate = o.Seats is > 0 && o.Occupied is not null ? XlsxCell.Calc($"E{row}/C{row}", o.Occupancy, s.Rate) : XlsxCell.Blank(s.Rate);
            sheet.WriteRow([Txt(o.Campus, o.IsTotal ? s.TotalText : s.Text), XlsxCell.Blank(s.Text), o.Seats is { } seats ? Num(seats, s.Amount) : Txt(o.SeatsRaw, s.TextRight),
                Num(o.AreaM2, s.Amount), Num(o.Occupied, s.Amount), rate, Txt(o.OccupancyRaw, s.TextRight)]);
        }

        sheet.WriteRow([]);
        sheet.WriteRow([Txt($"캠퍼스별 월별 입력 합계 ({c.Usage.Year}년, {c.Usage.CutoffMonth}월까지)" + (c.Usage.IncludesDemo ? " [예시 데이터]" : ""), s.Section)]);
        sheet.WriteRow(MonthlyHeadings.Select(h => Txt(h, s.Heading)).ToList());
        if (!c.Usage.HasAnyEntry)
        {
            sheet.WriteRow([Txt("자료 없음: 캠퍼스별 월간 이용 실적이 입력되지 않았습니다 (보고서는 캠퍼스별 월간 수치를 싣지 않습니다).", s.Missing)]);
            return;
        }

        foreach (var line in c.Usage.Campuses.Where(l => l.Operates))
        {
            var totals = FlowMetrics.Select(m => line.Metrics.First(x => x.Metric == m).Year).ToList();
            sheet.WriteRow([Txt(line.Name, s.Text), XlsxCell.Blank(s.Text),
                .. totals.Select(t => t.Value is { } v ? Num(v, s.Amount) : Txt("자료 미입력", s.TextRight)),
                Num(totals.Max(t => t.MissingMonths), s.Amount),
                // Months the site did not operate are no missing months (DueMonths, the one rule): said beside the count.
                .. line.Due.NotOperatingNote() is { } off ? [Txt(off, s.Text)] : Array.Empty<XlsxCell>()]);
        }
    }

    /// <summary>The usage trend of decision 0024: the values, then per year where they come from and their 기준일.</summary>
    private static void WriteTrend(XlsxSheetWriter sheet, Styles s, UsageTrend trend, List<int> years)
    {
        if (trend.Rows.Count == 0)
        {
            sheet.WriteRow([Txt($"자료 없음: {trend.Year}년까지의 캠퍼스 이용 추이 자료가 없습니다.", s.Missing)]);
            return;
        }

        foreach (var u in trend.Rows)
        {
            var cells = new List<XlsxCell> { Txt(u.Indicator, s.Wrapped), Txt(u.Unit, s.Text) };
            cells.AddRange(years.Select(y => u.Values.FirstOrDefault(v => v.Year == y) is { } v
                ? v.Value is { } n ? Num(n, s.Amount) : Txt(v.Raw, s.TextRight)
                : Txt(y == trend.Year ? "자료 없음" : null, s.TextRight)));
            sheet.WriteRow(cells);
        }

        var sources = new List<XlsxCell> { Txt("출처 · 기준일", s.Wrapped), XlsxCell.Blank(s.Text) };
        sources.AddRange(years.Select(y => Txt(string.Join("\n", trend.Rows.SelectMany(r => r.Values).Where(v => v.Year == y)
            .Select(v => (v.IsEntered ? "입력" : "보고서") + (v.AsOf is { } d ? $" {Fmt.Date(d)}" : "")).Distinct()) is { Length: > 0 } t ? t : null, s.Wrapped)));
        sheet.WriteRow(sources);
        if (trend.Reports.Count > 0) sheet.WriteRow([Txt($"보고서: {string.Join(", ", trend.Reports)}에서 옮긴 값. 입력: 기획담당이 입력한 값 (같은 해에 둘 다 있으면 입력한 값).", s.Wrapped)]);
        if (!trend.HasReportYear)
            sheet.WriteRow([Txt($"{trend.Year}년 캠퍼스 이용 실적(성과지표)은 아직 없습니다. 마지막 값은 {trend.LatestYear}년 값이며 {trend.Year}년 실적이 아닙니다.", s.Missing)]);
    }

    private static void WriteAppendix(XlsxWorkbook wb, Styles s, QuarterlyReport r, string printedAt)
    {
        var rows = r.Budget.Execution;
        var depths = ExecutionHierarchy.Depths(rows);
        double[] widths = [ColumnWidths.Fit(rows.Select(x => new string(' ', 2 * depths[x.Code]) + x.Name), 28, 50), 14, 14, 14, 12, 14];
        using var sheet = wb.AddSheet("붙임", Layout(r, "붙임 예산 집행 현황", widths, maxOutline: depths.Values.DefaultIfEmpty(0).Max()));
        // Titled by the figures' real source: a quarter with entries is not the report's appendix as printed.
        var entered = rows.Any(x => x.IsEntered);
        Header(sheet, s, r, $"붙임. {r.Period.Year}년 예산 집행 현황 ({(entered ? "입력 값 우선" : "보고서 원문")})", widths.Length, "천원", printedAt,
            entered ? "기획 담당이 입력한 금액 우선 (입력하지 않은 칸은 보고서 값; 상위 행은 모든 하위 행에 값이 있을 때 그 합계)."
                : "보고서 붙임의 금액 그대로 (상위 행은 보고서가 적은 값이며, 하위 합과 다르면 대사 결과에 나옵니다).");
        if (r.Budget.Mode != BudgetGridMode.Execution)
        {
            Headings(sheet, s, ["사업명", "", "", "", "", ""]);
            sheet.WriteRow([Txt($"자료 없음: {r.Period.Year}년 세부사업별 예산 집행 현황이 입력되지 않았습니다.", s.Missing)]);
            return;
        }

        // The columns the report's appendix prints (예산현액 · 당초 · 추경 · 예산변경 · 지출액), in the table's order.
        var columns = ExecutionColumns.Appendix.ToList();
        Headings(sheet, s, ["사업명", .. columns.Select(c => c.Label)]);
        foreach (var x in rows)
        {
            var depth = depths[x.Code];
            var bold = depth <= 2;
            sheet.WriteRow([Txt(x.Name.Trim(), s.Name(depth, bold)), .. columns.Select(c => Num(c.Value(x), s.AmountAt(bold)))], outlineLevel: depth);
        }

        sheet.AutoFilter(HeadingRow, sheet.RowCount, widths.Length);
    }

    private static void WriteMissingSheet(XlsxWorkbook wb, Styles s, QuarterlyReport r, string printedAt, string name, string what)
    {
        double[] widths = [60];
        using var sheet = wb.AddSheet(name, Layout(r, name, widths, frozenColumns: 0));
        Header(sheet, s, r, name, 4, "천원", printedAt);
        Headings(sheet, s, [name]);
        sheet.WriteRow([Txt($"자료 없음: {r.Period.Year}년 {what} 자료가 입력되지 않았습니다.", s.Missing)]);
    }

    private static string? Bullets(IReadOnlyList<Projects.NarrativeItem> items) =>
        items.Count == 0 ? null : string.Join("\n", items.Select(n => (n.Depth <= 1 ? "○ " : n.Depth == 2 ? "  - " : "    · ") + n.Text + (n.Schedule is null ? "" : $" ({n.Schedule})")));

    private static string KindLabel(IndicatorKind kind) => kind switch
    {
        IndicatorKind.Promise => "성과약속지표",
        IndicatorKind.Headline => "주요 사업 실적",
        _ => "사업별 성과목표",
    };
}
