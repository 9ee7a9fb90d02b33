namespace Fifty.Ops.Features.Budget;

/// <summary>
/// The nesting of a list of execution rows, computed in one place for the tree on /budget, both workbooks and the
/// roll-up, and the order of every flat list of the hierarchy (<see cref="Order{T}"/>). A row's parent counts only when
/// it is in the list, so a filtered list still nests from its own top rows.
/// </summary>
public static class ExecutionHierarchy
{
    /// <summary>
    /// Each row's parent code when that parent is among <paramref name="rows"/>, else null (a top row of the list);
    /// keyed by code (ordinal).
    /// </summary>
    public static Dictionary<string, string?> Parents(IReadOnlyList<ExecutionRow> rows)
    {
        var codes = rows.Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        return rows.ToDictionary(r => r.Code, r => r.ParentCode is not null && codes.Contains(r.ParentCode) ? r.ParentCode : null, StringComparer.Ordinal);
    }

    /// <summary>Each row's depth, keyed by code (ordinal): 0 for a top row of the list, 1 for its children, and so on.</summary>
    public static Dictionary<string, int> Depths(IReadOnlyList<ExecutionRow> rows) => Depths(Parents(rows));

    /// <summary>The depths of the rows whose in-list parents are <paramref name="parents"/> (from <see cref="Parents"/>).</summary>
    public static Dictionary<string, int> Depths(IReadOnlyDictionary<string, string?> parents) =>
        parents.ToDictionary(p => p.Key, p =>
        {
            var depth = 0;
            for (var up = p.Value; up is not null; up = parents[up]) depth++;
            return depth;
        }, StringComparer.Ordinal);

    /// <summary>
    /// The rows in hierarchy order (depth first): each row is followed by its children, then by its next sibling. Siblings,
    /// and top rows (no parent, or a parent not in the list), keep the order they have in <paramref name="items"/> (the
    /// callers pass them by <c>SortOrder</c>). So a row moved under another parent is listed among that parent's
    /// children, whatever its old position; every flat list (entry form, template, exports, the report's execution table
    /// and 붙임) goes by this one rule. Rows caught in a parent cycle (never stored, but a list can be built by hand) are
    /// appended in their input order rather than dropped. Codes are compared ordinally.
    /// </summary>
    public static List<T> Order<T>(IReadOnlyList<T> items, Func<T, string> code, Func<T, string?> parent)
    {
        var codes = items.Select(code).ToHashSet(StringComparer.Ordinal);
        var children = items.Where(i => parent(i) is { } p && codes.Contains(p)).ToLookup(i => parent(i)!, StringComparer.Ordinal);
        var ordered = new List<T>(items.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Visit(T item)
        {
            if (!seen.Add(code(item))) return;
            ordered.Add(item);
            foreach (var child in children[code(item)]) Visit(child);
        }

        foreach (var top in items.Where(i => parent(i) is not { } p || !codes.Contains(p))) Visit(top);
        ordered.AddRange(items.Where(i => !seen.Contains(code(i))));
        return ordered;
    }
}
