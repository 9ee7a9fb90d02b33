namespace Fifty.Ops.Features.Budget;

/// <summary>
/// The nesting of a list of execution rows, computed in one place for the tree on /budget, both workbooks and the
/// roll-up. A row's parent counts only when it is in the list, so a filtered list still nests from its own top rows.
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
}
