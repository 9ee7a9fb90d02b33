using System.Globalization;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Budget;
using Fifty.Ops.Infrastructure.Excel;
using static Fifty.Ops.Features.FiscalYear.YearStructure.StructureLayout;

namespace Fifty.Ops.Features.FiscalYear.YearStructure;

/// <summary>
/// Writes the year's structure workbook with the app's streaming writer: 안내 (form marker and year), then 예산체계,
/// 성과지표, 사업 and 캠퍼스 with every row of the year (retired rows marked 일몰). Nothing is locked: the planner adds
/// rows and changes codes' names, parents and amounts here. Text columns are Text-formatted so Excel keeps what is typed.
/// </summary>
public static class StructureWorkbookWriter
{
    internal static void Write(int year, StructureWorkbookService.State state, string createdAt, Stream output)
    {
        using var workbook = XlsxWorkbook.Create(output);
        var b = workbook.Styles;
        var title = b.Index(new CellStyle(Bold: true, FontSize: 14));
        var note = b.Index(new CellStyle(Wrap: true));
        var heading = b.Index(new CellStyle(Bold: true, Fill: "DCE6F1", Border: true, Align: CellAlign.Center, Wrap: true));
        var label = b.Index(new CellStyle(Bold: true, Fill: "F2F2F2", Border: true));
        var text = b.Index(new CellStyle(CellStyle.Formats.Text, Border: true, Wrap: true));
        var amount = b.Index(new CellStyle(CellStyle.Formats.Amount, Border: true));
        var unit = b.Index(new CellStyle(CellStyle.Formats.Text, Bold: true, Fill: "FFF2CC", Border: true, Align: CellAlign.Center));

        using (var guide = workbook.AddSheet(GuideSheet, new SheetLayout { ColumnWidths = [16, 100], Landscape = false }))
        {
            guide.WriteRow([XlsxCell.Of($"{year}년 연도 체계", title)], height: 24);
            guide.WriteRow([]);
            guide.WriteRow([XlsxCell.Of(GuideForm, label), XlsxCell.Of(Marker, text)]);
            guide.WriteRow([XlsxCell.Of(GuideYear, label), XlsxCell.Of(year, text)]);
            guide.WriteRow([XlsxCell.Of("내려받은 시각", label), XlsxCell.Of(createdAt, text)]);
            guide.WriteRow([]);
            string[] lines =
            [
                "쓰는 법",
                "1. 시트 이름과 머리글(3행)은 바꾸지 마세요. 4행부터 한 행이 한 항목입니다. 행을 더하면 새 코드가 생깁니다.",
                "2. 이어지는 사업은 코드를 그대로 둡니다 (연도 간 비교). 새 사업에는 새 코드를 붙이고, 끝나는 사업은 상태를 일몰로 적습니다.",
                "3. 예산체계의 상위코드로 정책 → 단위사업 → 세부사업을 잇습니다. 구분: " + string.Join(", ", Kinds.Select(BudgetLabels.Kind)) + ".",
                "4. 재원: " + string.Join(", ", Fundings.Select(BudgetLabels.Funding)) + ". 당초예산의 단위는 예산체계!B2 (천원, 원, 백만원)이며 천원으로 바꿔 반올림해 저장합니다.",
                "5. 성과지표의 목표는 보고서에 적는 그대로 적습니다 (예: 400명, 6/650). 방향은 높을수록/낮을수록, 누적/시점, 주의 기준은 달성률(%)입니다.",
                "6. 관련 사업과 예산 코드는 쉼표로 나눠 적습니다. 캠퍼스의 개소일·폐소일은 2024-04-01처럼 적습니다.",
                "7. 수식은 받지 않습니다. 값으로 붙여 넣으세요. 오류가 하나라도 있으면 아무것도 바꾸지 않습니다.",
                "8. 올리면 바뀌는 것(추가, 이름 변경, 이동, 일몰, 금액)을 먼저 보여 줍니다. 같은 파일을 다시 올려도 바뀌는 것이 없습니다.",
                "9. 분기가 마감된 뒤의 변경에는 사유가 필요하며 감사 기록에 남습니다. 마감된 분기의 보고서는 바뀌지 않습니다.",
            ];
            foreach (var line in lines) guide.WriteRow([XlsxCell.Blank(), XlsxCell.Of(line, line == "쓰는 법" ? label : note)]);
        }

        SheetLayout Layout(IReadOnlyList<(string Heading, double Width)> columns) => new()
        {
            ColumnWidths = columns.Select(c => c.Width).ToList(), FrozenRows = HeadingRow, FrozenColumns = 1, PrintTitleRows = (HeadingRow, HeadingRow),
        };

        void Head(XlsxSheetWriter sheet, IReadOnlyList<(string Heading, double Width)> columns, string caption, string? second)
        {
            sheet.WriteRow([XlsxCell.Of(caption, title)], height: 22);
            if (second is null) sheet.WriteRow([XlsxCell.Of("금액 단위", label), XlsxCell.Of(DefaultUnit, unit)]);
            else sheet.WriteRow([XlsxCell.Of(second, note)]);
            sheet.WriteRow(columns.Select(c => XlsxCell.Of(c.Heading, heading)).ToList(), height: 30);
        }

        var byId = state.Nodes.ToDictionary(n => n.Id);
        using (var sheet = workbook.AddSheet(BudgetSheet, Layout(BudgetColumns)))
        {
            Head(sheet, BudgetColumns, $"{year}년 예산체계 (당초예산 단위: B2)", null);
            // Hierarchy order (one rule, ExecutionHierarchy): a row moved under another parent is written under it.
            foreach (var n in ExecutionHierarchy.Order(state.Nodes, x => x.Code, x => x.ParentId is { } p && byId.TryGetValue(p, out var pn) ? pn.Code : null))
            {
                sheet.WriteRow(
                [
                    XlsxCell.Of(n.Code, text), XlsxCell.Of(n.ParentId is { } p && byId.TryGetValue(p, out var parent) ? parent.Code : null, text),
                    XlsxCell.Of(BudgetLabels.Kind(n.Kind), text), XlsxCell.Of(n.Name, text), XlsxCell.Of(BudgetLabels.Funding(n.Funding), text),
                    XlsxCell.Of(n.OriginalBudget, amount), XlsxCell.Of(StatusLabel(n.Status), text),
                ]);
            }

            var last = Math.Max(FirstDataRow + 200, sheet.RowCount + 200);
            sheet.Validate(new XlsxValidation($"C{FirstDataRow}:C{last}", XlsxValidationKind.List, "구분", "목록에서 고르세요.") { Items = Kinds.Select(BudgetLabels.Kind).ToList() });
            sheet.Validate(new XlsxValidation($"E{FirstDataRow}:E{last}", XlsxValidationKind.List, "재원", "목록에서 고르세요.") { Items = Fundings.Select(BudgetLabels.Funding).ToList() });
            sheet.Validate(new XlsxValidation($"G{FirstDataRow}:G{last}", XlsxValidationKind.List, "상태", "운영 또는 일몰") { Items = ["운영", "일몰"] });
            sheet.Validate(new XlsxValidation("B2", XlsxValidationKind.List, "금액 단위", "천원, 원, 백만원 중 하나") { Items = [.. Units.Keys] });
        }

        var targets = state.Targets.ToLookup(t => t.IndicatorId);
        using (var sheet = workbook.AddSheet(IndicatorSheet, Layout(IndicatorColumns)))
        {
            Head(sheet, IndicatorColumns, $"{year}년 성과지표", "목표는 보고서에 적는 그대로 적습니다. 주의 기준은 달성률(%)이며 비우면 90%입니다. 구분은 성과약속·주요실적·사업목표 (비우면 성과약속).");
            foreach (var i in state.Indicators)
            {
                var own = targets[i.Id].ToList();
                var cells = new List<XlsxCell>
                {
                    XlsxCell.Of(i.Code, text), XlsxCell.Of(i.Field, text), XlsxCell.Of(i.Name, text), XlsxCell.Of(i.Unit, text),
                    XlsxCell.Of(DirectionLabel(i.Direction), text), XlsxCell.Of(AccumulationLabel(i.Accumulation), text),
                    XlsxCell.Of(StructureWorkbookService.AnnualTarget(own)?.Raw, text),
                };
                for (var q = 1; q <= 4; q++) cells.Add(XlsxCell.Of(own.FirstOrDefault(t => t.Quarter == q && t.ReportingPeriodId is null)?.Raw, text));
                cells.Add(XlsxCell.Of(i.CautionThreshold is { } c ? Math.Round(c * 100m, 2) : null, amount));
                cells.Add(XlsxCell.Of(string.Join(", ", StructureWorkbookService.RelatedOf(i)), text));
                cells.Add(XlsxCell.Of(IndicatorKindLabel(i.Kind), text));
                sheet.WriteRow(cells);
            }

            var last = Math.Max(FirstDataRow + 200, sheet.RowCount + 200);
            sheet.Validate(new XlsxValidation($"E{FirstDataRow}:E{last}", XlsxValidationKind.List, "방향", "높을수록 또는 낮을수록") { Items = ["높을수록", "낮을수록"] });
            sheet.Validate(new XlsxValidation($"F{FirstDataRow}:F{last}", XlsxValidationKind.List, "누적/시점", "누적 또는 시점") { Items = ["누적", "시점"] });
            sheet.Validate(new XlsxValidation($"N{FirstDataRow}:N{last}", XlsxValidationKind.List, "구분", "성과약속, 주요실적, 사업목표 중 하나") { Items = [.. IndicatorKinds.Select(IndicatorKindLabel)] });
        }

        using (var sheet = workbook.AddSheet(ProjectSheet, Layout(ProjectColumns)))
        {
            Head(sheet, ProjectColumns, $"{year}년 사업", "보고서의 사업 단위입니다. 예산 코드는 예산체계의 코드를 쉼표로 나눠 적습니다.");
            foreach (var p in state.Projects)
            {
                sheet.WriteRow(
                [
                    XlsxCell.Of(p.Code, text), XlsxCell.Of(p.AreaName, text), XlsxCell.Of(p.Title, text), XlsxCell.Of(p.Audience, text),
                    XlsxCell.Of(p.Content, text), XlsxCell.Of(p.TargetText, text), XlsxCell.Of(string.Join(", ", p.ProgrammeCodes), text),
                ]);
            }
        }

        using (var sheet = workbook.AddSheet(SiteSheet, Layout(SiteColumns)))
        {
            Head(sheet, SiteColumns, "캠퍼스·센터", "개소일·폐소일은 2024-04-01처럼 적습니다. 폐소일을 적으면 그 뒤로는 운영하지 않는 곳이 됩니다.");
            foreach (var c in state.Campuses)
            {
                sheet.WriteRow(
                [
                    XlsxCell.Of(c.Code, text), XlsxCell.Of(c.Name, text), XlsxCell.Of(SiteKindLabel(c.Kind), text),
                    XlsxCell.Of(c.OpenedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), text), XlsxCell.Of(c.ClosedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), text),
                ]);
            }
        }
    }
}
