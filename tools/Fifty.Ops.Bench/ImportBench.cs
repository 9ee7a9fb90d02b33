using System.Globalization;
using System.Security.Claims;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Fifty.Ops.Data;
using Fifty.Ops.Features.Admin;
using Fifty.Ops.Features.Import;
using Fifty.Ops.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fifty.Ops.Bench;

/// <summary>
/// The Excel import of a period with 5,000 added rows, validated (preview) and committed through the app's own service, as a
/// planner's upload is. The rows are narrative bullets: the one sheet of the template where a planner adds rows.
/// </summary>
public static class ImportBench
{
    public sealed record Result(int Rows, int Changes, double PreviewMs, double CommitMs, double PeakMb, double ManagedMb);

    public static async Task<Result> RunAsync(BenchApp app, int year, int rows)
    {
        var import = app.Services.GetRequiredService<ImportService>();
        var admin = Principal("bench-admin", AppRoles.Admin);
        var planner = Principal("bench-planner", AppRoles.Planner);

        // The seeded reports' quarters are closed; the next one is opened as an administrator would before entering figures.
        var quarter = 4;
        var opened = await app.Services.GetRequiredService<PeriodAdminService>().OpenAsync(admin,
            new PeriodOpenForm { Year = year.ToString(CultureInfo.InvariantCulture), Quarter = quarter.ToString(CultureInfo.InvariantCulture) });
        if (!opened.Saved) throw new InvalidOperationException("period not opened: " + string.Join(" / ", opened.Errors.Values));

        string[] projects;
        var factory = app.Services.GetRequiredService<IDbContextFactory<FiftyOpsDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            projects = await db.Projects.Where(p => p.Year == year).OrderBy(p => p.SortOrder).Select(p => p.Code).Take(13).ToArrayAsync();
        }

        // A small import first, so the measured one is not the first to JIT the reader, the rules and the writes. The measured
        // file starts from a template downloaded after it, as a planner's would (an older template is refused as stale).
        await ImportAsync(import, planner, year, quarter, WithNarratives(await TemplateAsync(import, year, quarter), projects, 100, "예열"));
        var file = WithNarratives(await TemplateAsync(import, year, quarter), projects, rows, "측정");
        using var probe = new MemoryProbe();
        var (changes, previewMs, commitMs) = await ImportAsync(import, planner, year, quarter, file);
        probe.Dispose();
        return new Result(rows, changes, previewMs, commitMs, probe.PeakWorkingSetGrowthMb, probe.PeakManagedGrowthMb);
    }

    private static async Task<byte[]> TemplateAsync(ImportService import, int year, int quarter)
    {
        using var template = new MemoryStream();
        var problem = await import.WriteTemplateAsync(year, quarter, template);
        return problem is null ? template.ToArray() : throw new InvalidOperationException(problem);
    }

    private static async Task<(int Changes, double PreviewMs, double CommitMs)> ImportAsync(
        ImportService import, ClaimsPrincipal planner, int year, int quarter, byte[] file)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var preview = await import.PreviewAsync(planner, year, quarter, "bench.xlsx", file);
        var previewMs = sw.Elapsed.TotalMilliseconds;
        if (!preview.CanCommit) throw new InvalidOperationException("import refused: " + string.Join(" / ", preview.Errors.Take(3).Select(e => e.Text)));
        sw.Restart();
        var commit = await import.CommitAsync(planner, year, quarter, "bench.xlsx", file, preview.Digest);
        var commitMs = sw.Elapsed.TotalMilliseconds;
        if (!commit.Committed) throw new InvalidOperationException("import not committed: " + commit.Message);
        return (preview.Changes.Count, previewMs, commitMs);
    }

    /// <summary>The template with <paramref name="rows"/> bullets on its narrative sheet, spread over 26 lists.</summary>
    private static byte[] WithNarratives(byte[] template, string[] projects, int rows, string label)
    {
        using var stream = new MemoryStream();
        stream.Write(template);
        stream.Position = 0;
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            var workbook = document.WorkbookPart!;
            var id = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == TemplateLayout.NarrativesSheet).Id!.Value!;
            var data = ((WorksheetPart)workbook.GetPartById(id)).Worksheet.GetFirstChild<SheetData>()!;
            // The lists the template carries are replaced by the generated ones (a list left out of a file stays as it is).
            // Each list's check value ("code|P|token…", hidden column H) goes along, as it would when a planner retypes a list.
            const uint headingRow = TemplateLayout.HeadingRow;
            var strings = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
            var checks = new List<string>();
            foreach (var old in data.Elements<Row>().Where(r => r.RowIndex!.Value > headingRow).ToList())
            {
                var h = old.Elements<Cell>().FirstOrDefault(c => c.CellReference?.Value?.StartsWith('H') == true);
                if (h?.CellValue is { } v) checks.Add(h.DataType?.Value == CellValues.SharedString ? strings[int.Parse(v.Text, CultureInfo.InvariantCulture)] : v.Text);
                else if (h?.InlineString is { } inline) checks.Add(inline.InnerText);
                old.Remove();
            }

            var next = headingRow + 1;
            for (var i = 0; i < rows; i++, next++)
            {
                var list = i % (projects.Length * 2);
                var row = new Row { RowIndex = next };
                row.Append(
                    Text("A", next, projects[list % projects.Length]),
                    Text("C", next, list < projects.Length ? "추진실적" : "향후계획"),
                    Number("D", next, i / (projects.Length * 2) + 1),
                    Number("E", next, 1),
                    Text("F", next, $"[{label}] 항목 {i + 1:#,##0}"));
                var prefix = $"{projects[list % projects.Length]}|{(list < projects.Length ? "P" : "F")}|";
                if (i < projects.Length * 2 && checks.FirstOrDefault(c => c.StartsWith(prefix, StringComparison.Ordinal)) is { } check)
                {
                    row.Append(Text("H", next, check));
                }

                data.Append(row);
            }
        }

        return stream.ToArray();
    }

    private static Cell Text(string column, uint row, string text) => new()
    {
        CellReference = column + row.ToString(CultureInfo.InvariantCulture), DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)),
    };

    private static Cell Number(string column, uint row, int value) => new()
    {
        CellReference = column + row.ToString(CultureInfo.InvariantCulture), CellValue = new CellValue(value.ToString(CultureInfo.InvariantCulture)),
    };

    private static ClaimsPrincipal Principal(string name, string role) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, "0"), new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role),
        new Claim(FiftyOpsClaims.DisplayName, name),
    ], "Bench"));
}
