using System.Collections;
using System.IO.Compression;
using System.Reflection;
using System.Text.Json;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Admin;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Features.Reports;
using Fifty.Ops.Tests.Infrastructure;
using Fifty.Ops.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Fifty.Ops.Tests.Infrastructure.EntryFixtures;

namespace Fifty.Ops.Tests.FiscalYear;

/// <summary>The snapshot's JSON rebuilds the whole report record, nested records and computed members included.</summary>
public sealed class ReportSnapshotJsonTests(SeededDatabase database) : IClassFixture<SeededDatabase>
{
    private QuarterlyReportService Reports() => Fifty.Ops.Tests.Reports.ReportServices.Over(database);

    [Theory]
    [InlineData(2023, 3)]
    [InlineData(2020, 3)]
    public async Task EveryMemberSurvivesTheRoundTrip(int year, int quarter)
    {
        var live = (await Reports().BuildLiveAsync(year, quarter))!;
        var json = ReportSnapshotJson.Serialize(live);
        var back = ReportSnapshotJson.Deserialize(json);

        Assert.Equal(json, ReportSnapshotJson.Serialize(back));
        var compared = DeepEqual(live, back, "report", 0);
        Assert.True(compared > 2000, $"only {compared} values compared");
        // Computed members are recomputed from the rebuilt records, not read from the JSON.
        Assert.DoesNotContain("\"CommittedRate\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Title\":\"" + live.Title, json, StringComparison.Ordinal);
        Assert.Equal(live.Title, back.Title);
        Assert.Equal(live.Budget.Total?.DisbursedRate, back.Budget.Total?.DisbursedRate);
        Assert.Equal(live.Indicators.Fields, back.Indicators.Fields);

        Assert.Equal(await Fifty.Ops.Tests.Reports.ReportServices.RenderHtmlAsync(database, live), await Fifty.Ops.Tests.Reports.ReportServices.RenderHtmlAsync(database, back));
        await using var a = new MemoryStream();
        await using var b = new MemoryStream();
        QuarterlyWorkbook.Write(live, a);
        QuarterlyWorkbook.Write(back, b);
        AppTestBase.AssertSameWorkbook(AppTestBase.Parts(a.ToArray()), AppTestBase.Parts(b.ToArray()));
    }

    [Fact]
    public async Task AnIncompleteSnapshotFailsInsteadOfRenderingHoles()
    {
        var json = ReportSnapshotJson.Serialize((await Reports().BuildLiveAsync(2023, 3))!);
        using var doc = JsonDocument.Parse(json);
        var withoutBudget = "{" + string.Join(",", doc.RootElement.EnumerateObject().Where(p => p.Name != "Budget").Select(p => p.ToString())) + "}";
        Assert.ThrowsAny<JsonException>(() => ReportSnapshotJson.Deserialize(withoutBudget));
        Assert.ThrowsAny<JsonException>(() => ReportSnapshotJson.Deserialize(json.Replace("\"Staffing\":[", "\"Staffing\":null,\"X\":[", StringComparison.Ordinal)));
    }

    /// <summary>Walks every public property (computed ones too) and every list element; returns how many leaves matched.</summary>
    private static int DeepEqual(object? expected, object? actual, string path, int depth)
    {
        Assert.True(depth < 20, $"too deep at {path}");
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{path}: {expected ?? "null"} vs {actual ?? "null"}");
            return 1;
        }

        var type = expected.GetType();
        if (expected is not IEnumerable || expected is string) Assert.Equal(type, actual.GetType());
        if (type.IsPrimitive || type.IsEnum || expected is string or decimal or DateOnly or DateTimeOffset or DateTime or TimeSpan)
        {
            Assert.True(Equals(expected, actual), $"{path}: {expected} vs {actual}");
            if (expected is decimal d) Assert.Equal(d.Scale, ((decimal)actual).Scale);
            return 1;
        }

        if (expected is IEnumerable list)
        {
            var e = list.Cast<object?>().ToList();
            var a = ((IEnumerable)actual).Cast<object?>().ToList();
            Assert.True(e.Count == a.Count, $"{path}: {e.Count} vs {a.Count} items");
            return e.Select((x, i) => DeepEqual(x, a[i], $"{path}[{i}]", depth + 1)).Sum();
        }

        var count = 0;
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract"))
        {
            count += DeepEqual(p.GetValue(expected), p.GetValue(actual), $"{path}.{p.Name}", depth + 1);
        }

        return count;
    }
}
