namespace Fifty.Ops.Features.Budget.Reconciliation;

/// <summary>
/// One discrepancy and the other findings that state it again: the same two figures met by another rule or another
/// table (the appendix's 소계 printed twice is both a second printing and a parent that does not add up; the +1 in
/// 사업비 shows in the 예산 총괄표, the 분야별 사업비 table and the hierarchy).
/// </summary>
public sealed record Discrepancy(Finding First, IReadOnlyList<Finding> Repeats)
{
    public FindingSeverity Severity => First.Severity;

    public IEnumerable<Finding> All => Repeats.Prepend(First);
}

public static class Discrepancies
{
    /// <summary>
    /// Groups findings that are the same discrepancy, keeping the given order (the first finding of a group leads it).
    /// Amount findings are the same when they compare the same two figures, whichever side each is on and whatever row
    /// or table names them; a rate or count only within its own row and item, since small numbers meet by chance. A
    /// finding with a missing figure is its own discrepancy.
    /// </summary>
    public static IReadOnlyList<Discrepancy> Group(IEnumerable<Finding> findings)
    {
        var groups = new List<(object? Key, Finding First, List<Finding> Repeats)>();
        foreach (var f in findings)
        {
            var key = KeyOf(f);
            var index = key is null ? -1 : groups.FindIndex(g => Equals(g.Key, key));
            if (index < 0) groups.Add((key, f, []));
            else groups[index].Repeats.Add(f);
        }

        return groups.Select(g => new Discrepancy(g.First, g.Repeats)).ToList();
    }

    /// <summary>How many distinct discrepancies of a severity the findings state.</summary>
    public static int Count(IEnumerable<Finding> findings, FindingSeverity severity) =>
        Group(findings.Where(f => f.Severity == severity)).Count;

    private static object? KeyOf(Finding f)
    {
        if (f.A.Value is not { } a || f.B.Value is not { } b || a == b) return null;
        var (low, high) = a < b ? (a, b) : (b, a);
        return f.Unit == FindingUnit.Amount
            ? (f.Severity, f.Unit, low, high)
            : (f.Severity, f.Unit, f.Code, f.Item, low, high);
    }
}
