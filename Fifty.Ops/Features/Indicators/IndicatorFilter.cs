using System.Globalization;

namespace Fifty.Ops.Features.Indicators;

public enum IndicatorSort { Default, Name, Target, Actual, Rate, Status }

/// <summary>
/// What the list shows, as it travels in the query string (<c>?field=&amp;status=&amp;sort=&amp;desc=</c>), so a filtered
/// view can be linked to from the overview and bookmarked.
/// </summary>
public sealed record IndicatorFilter(string? Field, AchievementStatus? Status, IndicatorSort Sort, bool Descending)
{
    public static readonly IndicatorFilter None = new(null, null, IndicatorSort.Default, false);

    public bool IsActive => Field is not null || Status is not null;

    public static IndicatorFilter Parse(string? field, string? status, string? sort, bool? descending) => new(
        string.IsNullOrWhiteSpace(field) ? null : field,
        Enum.TryParse<AchievementStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null,
        Enum.TryParse<IndicatorSort>(sort, ignoreCase: true, out var o) && Enum.IsDefined(o) ? o : IndicatorSort.Default,
        descending ?? false);

    public static string StatusKey(AchievementStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>Clicking the sorted column again flips the order; a new column starts with the natural order.</summary>
    public IndicatorFilter SortBy(IndicatorSort sort) =>
        this with { Sort = sort, Descending = Sort == sort ? !Descending : sort is IndicatorSort.Rate or IndicatorSort.Actual or IndicatorSort.Target };

    public IReadOnlyList<IndicatorRow> Apply(IEnumerable<IndicatorRow> rows)
    {
        var filtered = rows.Where(r => (Field is null || r.Field == Field) && (Status is null || r.Achievement.Status == Status));
        if (Sort == IndicatorSort.Default) return filtered.ToList();

        // Rows without a value sort last in either direction: "no figure" is never the best or the worst figure.
        var withKey = filtered.Select(r => (Row: r, Key: Key(r))).ToList();
        var present = withKey.Where(x => x.Key is not null);
        var ordered = Sort == IndicatorSort.Name
            ? (Descending ? present.OrderByDescending(x => (string)x.Key!, StringComparer.Create(Ko, false)) : present.OrderBy(x => (string)x.Key!, StringComparer.Create(Ko, false)))
            : (Descending ? present.OrderByDescending(x => (decimal)x.Key!) : present.OrderBy(x => (decimal)x.Key!));
        return ordered.Concat(withKey.Where(x => x.Key is null)).Select(x => x.Row).ToList();
    }

    /// <summary>
    /// The list's text search: every word typed (split on spaces) appears, case-insensitively, in the indicator's name,
    /// its project's title, its 분야, its unit or its code. Empty text matches every row.
    /// </summary>
    public static IReadOnlyList<IndicatorRow> Search(IReadOnlyList<IndicatorRow> rows, string? text)
    {
        var words = (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0) return rows;
        return rows.Where(r =>
        {
            var hay = string.Join(' ', [r.DisplayName, r.Field, r.Unit, r.Code, .. r.Projects.Select(p => p.Title)]);
            return words.All(w => hay.Contains(w, StringComparison.CurrentCultureIgnoreCase));
        }).ToList();
    }

    private static readonly CultureInfo Ko = CultureInfo.GetCultureInfo("ko-KR");

    private object? Key(IndicatorRow r) => Sort switch
    {
        IndicatorSort.Name => r.DisplayName,
        IndicatorSort.Target => r.Target?.Value,
        IndicatorSort.Actual => r.Actual?.Value,
        IndicatorSort.Rate => r.Achievement.Rate,
        // Worst first when ascending: 미달, 주의, 진행중, 달성; 자료없음 has no rank.
        IndicatorSort.Status => r.Achievement.Status switch
        {
            AchievementStatus.Shortfall => 0m,
            AchievementStatus.Caution => 1m,
            AchievementStatus.InProgress => 2m,
            AchievementStatus.Achieved => 3m,
            _ => null,
        },
        _ => null,
    };
}
