using System.Globalization;
using System.Text;

namespace Fifty.Ops.Data.Seeding;

/// <summary>A small RFC 4180 reader: seed files are few and small, and no CSV package is in our source.</summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(string fileName, string[] header, List<string[]> rows)
    {
        FileName = fileName;
        _columns = header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i, StringComparer.Ordinal);
        Rows = rows.Select((r, i) => new CsvRow(this, r, i + 2)).ToList();
    }

    public string FileName { get; }
    public IReadOnlyList<CsvRow> Rows { get; }

    internal int ColumnIndex(string name) =>
        _columns.TryGetValue(name, out var i) ? i : throw new SeedDataException($"{FileName}: '{name}' 열이 없습니다.");

    public static CsvTable Read(string path)
    {
        var records = Parse(File.ReadAllText(path, Encoding.UTF8), Path.GetFileName(path));
        if (records.Count == 0)
        {
            throw new SeedDataException($"{Path.GetFileName(path)}: 머리글 행이 없습니다.");
        }

        return new CsvTable(Path.GetFileName(path), records[0], records.Skip(1).Where(r => r.Any(c => c.Length > 0)).ToList());
    }

    internal static List<string[]> Parse(string text, string fileName)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var line = 1;
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                inQuotes = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
                line++;
            }
            else
            {
                field.Append(c);
            }
        }

        if (inQuotes)
        {
            throw new SeedDataException($"{fileName}: {line}행에서 닫히지 않은 따옴표가 있습니다.");
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add([.. fields]);
        }

        return records;
    }
}

public sealed class CsvRow(CsvTable table, string[] cells, int lineNumber)
{
    public int LineNumber { get; } = lineNumber;

    public string? this[string column]
    {
        get
        {
            var i = table.ColumnIndex(column);
            var value = i < cells.Length ? cells[i].Trim() : "";
            return value.Length == 0 ? null : value;
        }
    }

    public string Required(string column) =>
        this[column] ?? throw Error(column, "값이 비어 있습니다");

    public decimal? Number(string column)
    {
        var raw = this[column];
        if (raw is null) return null;
        return decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var d)
            ? d
            : throw Error(column, $"숫자가 아닙니다 ('{raw}')");
    }

    public int? Whole(string column)
    {
        var d = Number(column);
        return d is null ? null : d == decimal.Truncate(d.Value) ? (int)d.Value : throw Error(column, $"정수가 아닙니다 ('{d}')");
    }

    public DateOnly? Date(string column)
    {
        var raw = this[column];
        if (raw is null) return null;
        return DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw Error(column, $"날짜(yyyy-mm-dd)가 아닙니다 ('{raw}')");
    }

    public bool Flag(string column) => string.Equals(this[column], "Y", StringComparison.OrdinalIgnoreCase);

    public List<string> List(string column) =>
        (this[column] ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    public SeedDataException Error(string column, string message) =>
        new($"{table.FileName} {LineNumber}행 '{column}': {message}");
}

public sealed class SeedDataException(string message) : Exception(message);
