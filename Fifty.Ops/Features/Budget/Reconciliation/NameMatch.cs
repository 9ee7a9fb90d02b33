namespace Fifty.Ops.Features.Budget.Reconciliation;

/// <summary>
/// Finds the hierarchy row a table of another section means, by name. The reports space and punctuate names freely
/// ("중장년 사회공헌활동(보람일자리) 확대" vs "중장년사회공헌활동확대", "① 50+일모델 개발 및 확산") and sometimes misspell
/// them ("가버너스" for "거버넌스"), so names are compared without brackets, spaces and symbols, and a near miss of at most
/// one character in ten is accepted when it is the only one.
/// </summary>
public static class NameMatch
{
    /// <summary>Names the reports use for the same overhead item (docs/domain.md lists 평가급·성과급 as one item).</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["성과급"] = "평가급",
    };

    public static string Normalize(string name)
    {
        var kept = new System.Text.StringBuilder(name.Length);
        var depth = 0;
        foreach (var c in name)
        {
            if (c is '(' or '[' or '（' or '［') depth++;
            else if (c is ')' or ']' or '）' or '］') depth = Math.Max(0, depth - 1);
            else if (depth == 0 && char.IsLetterOrDigit(c)) kept.Append(char.ToLowerInvariant(c));
        }

        var normalized = kept.ToString();
        return Aliases.GetValueOrDefault(normalized, normalized);
    }

    public static T? Best<T>(string name, IEnumerable<T> candidates, Func<T, string> nameOf) where T : class
    {
        var target = Normalize(name);
        if (target.Length == 0) return null;
        var scored = candidates.Select(c => (Candidate: c, Distance: Distance(target, Normalize(nameOf(c))))).OrderBy(s => s.Distance).ToList();
        if (scored.Count == 0) return null;
        var best = scored[0];
        var allowed = Math.Max(1, target.Length / 10);
        var unique = scored.Count == 1 || scored[1].Distance > best.Distance;
        return best.Distance == 0 || (best.Distance <= allowed && unique) ? best.Candidate : null;
    }

    /// <summary>Levenshtein distance.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
