using System.Globalization;
using System.Text.RegularExpressions;
using Fifty.Ops.Data;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Features.Audit;

/// <summary>
/// Names the records the trail refers to by number ("ProgrammeNodeId=154", "ReportingPeriodId=3", or an object id of
/// type ProgrammeNode): code and name, or the period as "2024년 1분기". One query per kind of record on the page, never
/// one per row. A record since deleted is not in the map and its number is shown as stored.
/// </summary>
public static partial class AuditReferences
{
    /// <summary>
    /// Keys are "Field=id" (e.g. "IndicatorId=44"), and "Field=id" for an object of a referable type with its FK field name
    /// (an entry on object type "Indicator" with id "44" is looked up as "IndicatorId=44").
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> LoadAsync(FiftyOpsDbContext db, IReadOnlyList<AuditRow> rows, CancellationToken ct)
    {
        var wanted = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        void Add(string field, string id)
        {
            if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return;
            var table = Table(field);
            if (table is null) return;
            if (!wanted.TryGetValue(table, out var set)) wanted[table] = set = [];
            set.Add(n);
        }

        foreach (var r in rows)
        {
            foreach (var text in new[] { r.Detail, r.OldValue, r.NewValue })
            {
                if (text is null) continue;
                foreach (Match m in IdPair().Matches(text)) Add(m.Groups[1].Value, m.Groups[2].Value);
            }

            if (r.Field is { } f && f.EndsWith("Id", StringComparison.Ordinal))
            {
                if (r.OldValue is { } o) Add(f, o);
                if (r.NewValue is { } n) Add(f, n);
            }

            if (r.ObjectType is { } type && r.ObjectId is { } id) Add(type + "Id", id);
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        if (wanted.TryGetValue("ReportingPeriod", out var periods))
        {
            foreach (var p in await db.ReportingPeriods.AsNoTracking().Where(p => periods.Contains(p.Id)).Select(p => new { p.Id, p.Year, p.Quarter }).ToListAsync(ct))
                names[$"ReportingPeriod={p.Id}"] = $"{p.Year}년 {p.Quarter}분기";
        }

        if (wanted.TryGetValue("ProgrammeNode", out var nodes))
        {
            foreach (var n in await db.ProgrammeNodes.AsNoTracking().Where(n => nodes.Contains(n.Id)).Select(n => new { n.Id, n.Year, n.Code, n.Name }).ToListAsync(ct))
                names[$"ProgrammeNode={n.Id}"] = $"{n.Name} ({n.Year}년 {n.Code})";
        }

        if (wanted.TryGetValue("Indicator", out var indicators))
        {
            foreach (var i in await db.Indicators.AsNoTracking().Where(i => indicators.Contains(i.Id)).Select(i => new { i.Id, i.Year, i.Code, i.Name }).ToListAsync(ct))
                names[$"Indicator={i.Id}"] = $"{i.Name} ({i.Year}년 {i.Code})";
        }

        if (wanted.TryGetValue("Project", out var projects))
        {
            foreach (var p in await db.Projects.AsNoTracking().Where(p => projects.Contains(p.Id)).Select(p => new { p.Id, p.Year, p.Code, p.Title }).ToListAsync(ct))
                names[$"Project={p.Id}"] = $"{p.Title} ({p.Year}년 {p.Code})";
        }

        if (wanted.TryGetValue("Campus", out var campuses))
        {
            foreach (var c in await db.Campuses.AsNoTracking().Where(c => campuses.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToListAsync(ct))
                names[$"Campus={c.Id}"] = c.Name;
        }

        // Re-keyed by every field name that points at the table, so the labels can look up "ParentId=154" directly.
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            foreach (var text in new[] { r.Detail, r.OldValue, r.NewValue })
            {
                if (text is null) continue;
                foreach (Match m in IdPair().Matches(text)) Put(m.Groups[1].Value, m.Groups[2].Value);
            }

            if (r.Field is { } f && f.EndsWith("Id", StringComparison.Ordinal))
            {
                if (r.OldValue is { } o) Put(f, o);
                if (r.NewValue is { } n) Put(f, n);
            }

            if (r.ObjectType is { } type && r.ObjectId is { } id) Put(type + "Id", id);
        }

        return result;

        void Put(string field, string id)
        {
            if (Table(field) is { } table && names.TryGetValue($"{table}={id}", out var name)) result[$"{field}={id}"] = name;
        }
    }

    /// <summary>The table a numeric reference field points at, or null for one we do not name.</summary>
    private static string? Table(string field) => field switch
    {
        "ReportingPeriodId" => "ReportingPeriod",
        "ProgrammeNodeId" or "ParentId" => "ProgrammeNode",
        "IndicatorId" => "Indicator",
        "ProjectId" => "Project",
        "CampusId" => "Campus",
        _ => null,
    };

    [GeneratedRegex(@"\b([A-Z][A-Za-z]*Id)=(\d+)\b")]
    private static partial Regex IdPair();
}
