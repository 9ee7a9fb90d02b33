using System.Globalization;
using Fifty.Ops.Components;

namespace Fifty.Ops.Features.Indicators;

/// <summary>Addresses of the indicator views, so the overview, the list and the detail link to each other consistently.</summary>
public static class IndicatorLinks
{
    public static string List(int? year, int? quarter, IndicatorFilter filter)
    {
        var query = PeriodQuery.Build(year, quarter);
        var parts = new List<string>();
        if (filter.Field is not null) parts.Add("field=" + Uri.EscapeDataString(filter.Field));
        if (filter.Status is { } s) parts.Add("status=" + IndicatorFilter.StatusKey(s));
        if (filter.Sort != IndicatorSort.Default) parts.Add("sort=" + filter.Sort.ToString().ToLowerInvariant());
        if (filter.Sort != IndicatorSort.Default && filter.Descending) parts.Add("desc=true");
        var rest = string.Join("&", parts);
        return "indicators" + (query, rest) switch
        {
            ("", "") => "",
            ("", _) => "?" + rest,
            (_, "") => query,
            _ => query + "&" + rest,
        };
    }

    public static string Detail(int id, int? year, int? quarter) =>
        "indicators/" + id.ToString(CultureInfo.InvariantCulture) + PeriodQuery.Build(year, quarter);
}
