using System.Globalization;
using System.Security.Claims;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Fifty.Ops.Infrastructure.Auditing;
using Fifty.Ops.Infrastructure.Security;
using Fifty.Ops.Infrastructure;

namespace Fifty.Ops.Features.Audit;

/// <summary>How a workbook came out: the rows written, or why none were.</summary>
public sealed record AuditWorkbookResult(long Rows, bool Truncated, string? Refusal);

/// <summary>
/// The audit trail as an .xlsx, streamed row by row with <see cref="OpenXmlWriter"/> so memory stays flat however long
/// the trail. Self-contained on purpose (the shared Excel helpers live on another branch); every text cell that a
/// spreadsheet could read as a formula (= + - @, tab, CR) is stored as text with Excel's quote prefix, and characters
/// XML cannot carry are dropped.
/// </summary>
public sealed class AuditWorkbookWriter(AuditQueryService audit, AccessGuard guard, TimeProvider clock)
{
    public const string SheetName = "감사 기록";
    public const int HeaderRow = 5;
    private const int MaxDataRows = 1_048_576 - HeaderRow;

    private static readonly string[] Headings =
        ["번호", "일시 (한국 시간)", "일시 (UTC)", "사용자", "IP 주소", "종류", "대상 종류", "대상 ID", "항목", "이전 값", "새 값", "내용", "해시 (SHA-256)"];

    private static readonly double[] Widths = [8, 20, 28, 14, 16, 12, 16, 22, 18, 30, 30, 40, 66];

    private static class Style
    {
        public const uint Title = 1;
        public const uint Note = 2;
        public const uint Header = 3;
        public const uint Text = 4;
        public const uint QuotedText = 5;
        public const uint Number = 6;
        public const uint DateTime = 7;
    }

    /// <summary>Writes the entries matching <paramref name="filter"/> (oldest first) to a seekable stream.</summary>
    public async Task<AuditWorkbookResult> WriteAsync(ClaimsPrincipal user, AuditFilter filter, Stream output, CancellationToken ct = default)
    {
        if (await guard.DemandAsync(user, Policies.CanAudit, "감사 기록 내려받기", "AuditTrail", "/audit.xlsx", ct) is { } refusal)
            return new AuditWorkbookResult(0, false, refusal);

        var chain = await audit.VerifyAsync(ct);
        var printedAt = clock.KoreaNow();
        long rows = 0;
        var truncated = false;

        using (var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            var stylesPart = workbookPart.AddNewPart<WorkbookStylesPart>();
            stylesPart.Stylesheet = Stylesheet();
            stylesPart.Stylesheet.Save();

            var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(sheetPart))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteElement(new SheetViews(new SheetView(
                    new Pane { VerticalSplit = HeaderRow, TopLeftCell = $"A{HeaderRow + 1}", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
                    { WorkbookViewId = 0 }));
                writer.WriteStartElement(new Columns());
                for (var i = 0; i < Widths.Length; i++)
                {
                    writer.WriteElement(new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = Widths[i], CustomWidth = true });
                }

                writer.WriteEndElement();
                writer.WriteStartElement(new SheetData());
                WriteRow(writer, 1, [TextCell("A1", "Fifty.Ops 감사 기록", Style.Title)]);
                WriteRow(writer, 2, [TextCell("A2", $"조건: {filter.Describe()} · 추출: {printedAt:yyyy-MM-dd HH:mm} (한국 시간)", Style.Note)]);
                WriteRow(writer, 3, [TextCell("A3", $"해시 체인 검증: {chain.Message}" + (chain.HeadHash is { } head ? $" · 마지막 해시 {head}" : ""), Style.Note)]);
                WriteRow(writer, HeaderRow, Headings.Select((h, i) => TextCell(Ref(i, HeaderRow), h, Style.Header)).ToList());

                var rowIndex = (uint)HeaderRow;
                await foreach (var e in audit.StreamAsync(filter, ct))
                {
                    if (rows == MaxDataRows)
                    {
                        truncated = true;
                        break;
                    }

                    rowIndex++;
                    rows++;
                    WriteRow(writer, rowIndex,
                    [
                        new Cell { CellReference = Ref(0, rowIndex), CellValue = new CellValue(e.Id.ToString(CultureInfo.InvariantCulture)), DataType = CellValues.Number, StyleIndex = Style.Number },
                        new Cell { CellReference = Ref(1, rowIndex), CellValue = new CellValue(AuditText.ToKst(e.OccurredUtc).ToOADate().ToString("R", CultureInfo.InvariantCulture)), DataType = CellValues.Number, StyleIndex = Style.DateTime },
                        TextCell(Ref(2, rowIndex), e.OccurredUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
                        TextCell(Ref(3, rowIndex), e.UserName),
                        TextCell(Ref(4, rowIndex), e.IpAddress),
                        TextCell(Ref(5, rowIndex), AuditText.Kind(e.Kind)),
                        TextCell(Ref(6, rowIndex), e.ObjectType),
                        TextCell(Ref(7, rowIndex), e.ObjectId),
                        TextCell(Ref(8, rowIndex), e.Field),
                        TextCell(Ref(9, rowIndex), e.OldValue),
                        TextCell(Ref(10, rowIndex), e.NewValue),
                        TextCell(Ref(11, rowIndex), e.Detail),
                        TextCell(Ref(12, rowIndex), e.Hash),
                    ]);
                }

                writer.WriteEndElement(); // SheetData
                writer.WriteElement(new AutoFilter { Reference = $"A{HeaderRow}:{Ref(Headings.Length - 1, rowIndex)}" });
                writer.WriteEndElement(); // Worksheet
            }

            workbookPart.Workbook = new Workbook(
                new Sheets(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = SheetName }),
                new DefinedNames(new DefinedName($"'{SheetName}'!$A${HeaderRow}:${ColumnName(Headings.Length - 1)}${Math.Max(HeaderRow, rows + HeaderRow)}")
                {
                    Name = "_xlnm._FilterDatabase",
                    LocalSheetId = 0,
                    Hidden = true,
                }));
            workbookPart.Workbook.Save();
        }

        return new AuditWorkbookResult(rows, truncated, null);
    }

    /// <summary>Drops what XML 1.0 cannot carry (control characters other than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF).</summary>
    public static string XmlSafe(string value)
    {
        if (value.All(IsXmlChar) && !HasLoneSurrogate(value)) return value;
        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                sb.Append(c).Append(value[++i]);
            }
            else if (!char.IsSurrogate(c) && IsXmlChar(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>Text a spreadsheet would take for a formula (or a DDE call) if someone retyped or re-imported it.</summary>
    public static bool LooksLikeFormula(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    private static bool IsXmlChar(char c) => c is '\t' or '\n' or '\r' || (c >= 0x20 && c != '\uFFFE' && c != '\uFFFF');

    private static bool HasLoneSurrogate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) i++;
            else if (char.IsSurrogate(value[i])) return true;
        }

        return false;
    }

    private static Cell TextCell(string reference, string? value, uint style = Style.Text)
    {
        var text = XmlSafe(value ?? "");
        return new Cell
        {
            CellReference = reference,
            DataType = CellValues.InlineString,
            StyleIndex = style == Style.Text && LooksLikeFormula(text) ? Style.QuotedText : style,
            InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }),
        };
    }

    private static void WriteRow(OpenXmlWriter writer, uint index, IReadOnlyList<Cell> cells)
    {
        writer.WriteStartElement(new Row { RowIndex = index });
        foreach (var cell in cells) writer.WriteElement(cell);
        writer.WriteEndElement();
    }

    private static string Ref(int column, uint row) => ColumnName(column) + row.ToString(CultureInfo.InvariantCulture);

    private static string ColumnName(int column) => ((char)('A' + column)).ToString();

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd hh:mm:ss" }) { Count = 1 },
        new Fonts(
            new Font(new FontSize { Val = 10 }, new FontName { Val = "맑은 고딕" }),
            new Font(new Bold(), new FontSize { Val = 10 }, new FontName { Val = "맑은 고딕" }),
            new Font(new Bold(), new FontSize { Val = 14 }, new FontName { Val = "맑은 고딕" })) { Count = 3 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFE8EDF4" }) { PatternType = PatternValues.Solid })) { Count = 3 },
        new Borders(
            new Border(),
            new Border(
                new LeftBorder { Style = BorderStyleValues.Thin },
                new RightBorder { Style = BorderStyleValues.Thin },
                new TopBorder { Style = BorderStyleValues.Thin },
                new BottomBorder { Style = BorderStyleValues.Thin },
                new DiagonalBorder())) { Count = 2 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 2, ApplyFont = true },
            new CellFormat { FontId = 0 },
            new CellFormat(new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center, WrapText = true })
                { FontId = 1, FillId = 2, BorderId = 1, ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top }) { BorderId = 1, ApplyBorder = true, ApplyAlignment = true },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top }) { BorderId = 1, ApplyBorder = true, ApplyAlignment = true, QuotePrefix = true },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top }) { NumberFormatId = 1, BorderId = 1, ApplyNumberFormat = true, ApplyBorder = true, ApplyAlignment = true },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top }) { NumberFormatId = 164, BorderId = 1, ApplyNumberFormat = true, ApplyBorder = true, ApplyAlignment = true })
        { Count = 8 });
}
