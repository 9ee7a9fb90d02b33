using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Fifty.Ops.Infrastructure.Excel;

/// <summary>
/// A workbook written sheet by sheet: rows are streamed with <see cref="OpenXmlWriter"/>; only the small parts that
/// depend on everything written (styles, shared strings, sheet list, print titles) are built at the end.
/// Dispose (or <see cref="Close"/>) completes the file.
/// </summary>
public sealed class XlsxWorkbook : IDisposable
{
    private readonly SpreadsheetDocument _document;
    private readonly WorkbookPart _workbookPart;
    private readonly List<(string Name, string RelationshipId, XlsxSheetWriter Writer)> _sheets = [];
    private readonly Dictionary<string, int> _sharedStrings = new(StringComparer.Ordinal);
    private readonly List<string> _sharedStringList = [];
    private bool _closed;

    private XlsxWorkbook(Stream output)
    {
        _document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        // Fixed relationship ids (the SDK draws random ones): the same content gives the same bytes in every part, so a
        // closed quarter's workbook can be shown to be unchanged part by part.
        _workbookPart = _document.AddNewPart<WorkbookPart>(XlsxContent.Type + ".main+xml", "rIdWorkbook");
    }

    /// <summary>Starts a workbook on <paramref name="output"/>, which must be seekable (the package is a zip with a directory).</summary>
    public static XlsxWorkbook Create(Stream output) => new(output);

    public StyleSheetBuilder Styles { get; } = new();

    /// <summary>Starts the next sheet; the previous one must be disposed first.</summary>
    public XlsxSheetWriter AddSheet(string name, SheetLayout layout)
    {
        if (_sheets.Count > 0 && !_sheets[^1].Writer.IsClosed) throw new InvalidOperationException("이전 시트를 먼저 닫아야 합니다.");
        var safeName = SheetName(name);
        if (_sheets.Any(s => string.Equals(s.Name, safeName, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"시트 이름이 겹칩니다: {safeName}", nameof(name));
        }

        var part = _workbookPart.AddNewPart<WorksheetPart>($"rIdSheet{_sheets.Count + 1}");
        var writer = new XlsxSheetWriter(part, layout, SharedString);
        _sheets.Add((safeName, _workbookPart.GetIdOfPart(part), writer));
        return writer;
    }

    public void Close()
    {
        if (_closed) return;
        _closed = true;
        foreach (var sheet in _sheets) sheet.Writer.Dispose();

        var stylesPart = _workbookPart.AddNewPart<WorkbookStylesPart>("rIdStyles");
        stylesPart.Stylesheet = Styles.Build();
        stylesPart.Stylesheet.Save();

        if (_sharedStringList.Count > 0)
        {
            var stringsPart = _workbookPart.AddNewPart<SharedStringTablePart>("rIdStrings");
            using var writer = OpenXmlWriter.Create(stringsPart);
            writer.WriteStartElement(new SharedStringTable(), [new OpenXmlAttribute("count", "", _sharedStringList.Count.ToString(CultureInfo.InvariantCulture)),
                new OpenXmlAttribute("uniqueCount", "", _sharedStringList.Count.ToString(CultureInfo.InvariantCulture))]);
            // Tags and text rather than an element tree per item: a long sheet can hold 100,000 distinct texts.
            var item = new SharedStringItem();
            var textTag = new Text();
            OpenXmlAttribute[] preserve = [new("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve")];
            foreach (var text in _sharedStringList)
            {
                writer.WriteStartElement(item);
                writer.WriteStartElement(textTag, preserve);
                writer.WriteString(text);
                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        var definedNames = new DefinedNames();
        for (var i = 0; i < _sheets.Count; i++)
        {
            var (name, _, sheetWriter) = _sheets[i];
            var quoted = "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'";
            if (sheetWriter.FilterRange is { } filter)
            {
                definedNames.Append(new DefinedName($"{quoted}!{filter}") { Name = "_xlnm._FilterDatabase", LocalSheetId = (uint)i, Hidden = true });
            }

            if (sheetWriter.Layout.PrintTitleRows is { } titles)
            {
                definedNames.Append(new DefinedName($"{quoted}!${titles.First}:${titles.Last}") { Name = "_xlnm.Print_Titles", LocalSheetId = (uint)i });
            }
        }

        var workbook = new Workbook(
            new BookViews(new WorkbookView()),
            new Sheets(_sheets.Select((s, i) => new Sheet
            {
                Name = s.Name, SheetId = (uint)(i + 1), Id = s.RelationshipId,
                State = s.Writer.Layout.Hidden ? SheetStateValues.Hidden : null,
            })));
        if (definedNames.HasChildren) workbook.Append(definedNames);
        // Formulas carry cached values; asking for a recalculation on open keeps them honest if a reader edits a cell.
        workbook.Append(new CalculationProperties { CalculationId = 191029, FullCalculationOnLoad = true });
        _workbookPart.Workbook = workbook;
        _workbookPart.Workbook.Save();
        _document.Dispose();
    }

    public void Dispose() => Close();

    private int SharedString(string text)
    {
        if (_sharedStrings.TryGetValue(text, out var index)) return index;
        index = _sharedStringList.Count;
        _sharedStringList.Add(text);
        _sharedStrings[text] = index;
        return index;
    }

    /// <summary>Excel refuses sheet names over 31 characters or with : \ / ? * [ ].</summary>
    private static string SheetName(string name)
    {
        var cleaned = new string(ExcelText.StripIllegalXml(name).Select(c => c is ':' or '\\' or '/' or '?' or '*' or '[' or ']' ? '_' : c).ToArray()).Trim('\'');
        if (cleaned.Length == 0) throw new ArgumentException("시트 이름이 비어 있습니다.", nameof(name));
        return cleaned.Length > 31 ? cleaned[..31] : cleaned;
    }
}
