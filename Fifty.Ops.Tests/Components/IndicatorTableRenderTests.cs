using AngleSharp.Html.Parser;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Indicators;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fifty.Ops.Tests.Components;

public sealed class IndicatorTableRenderTests
{
    [Fact]
    public async Task RendersRowsGroupedByFieldWithRateStatusAndUnitCaption()
    {
        var achieved = Achievement.Evaluate(400, 540, "540", Direction.Higher, null, 2020, new DateOnly(2020, 12, 31));
        var inProgress = Achievement.Evaluate(12, null, "진행중", Direction.Higher, null, 2020, null);
        IndicatorRow Row(string code, string field, string name, string target, string actual, decimal? value, AchievementResult a) =>
            new(1, code, IndicatorKind.Promise, field, name, "명",
                [new IndicatorCell(2019, "1,034", 1034, null, null)],
                new IndicatorCell(2020, target, decimal.Parse(target), null, null),
                new IndicatorCell(2020, actual, value, null, null), null, a, null, null, "test");
        var list = new IndicatorList(null, 2020, [2019],
        [
            Row("A", "50+일모델개발", "앙코르 전직지원교육 참여자수", "400", "540", 540, achieved),
            Row("B", "정책개발", "정책·기획연구(건수)", "12", "진행중", null, inProgress),
        ]);

        var html = await RenderAsync<IndicatorTable>(new Dictionary<string, object?> { ["List"] = list });

        var doc = new HtmlParser().ParseDocument(html);
        var encore = doc.QuerySelector("tr[data-code=A]")!;
        Assert.Contains("135.0%", encore.TextContent, StringComparison.Ordinal);
        Assert.Contains("달성", encore.QuerySelector(".status")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("●", encore.QuerySelector(".status")!.TextContent, StringComparison.Ordinal);
        var research = doc.QuerySelector("tr[data-code=B]")!;
        Assert.Contains("진행중", research.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("%", research.QuerySelectorAll("td.num")[3].TextContent, StringComparison.Ordinal);
        Assert.Equal(2, doc.QuerySelectorAll("th.field").Length);
        Assert.Contains("단위", doc.QuerySelector("caption")!.TextContent, StringComparison.Ordinal);
    }

    internal static async Task<string> RenderAsync<T>(Dictionary<string, object?> parameters) where T : IComponent
    {
        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<T>(ParameterView.FromDictionary(parameters))).ToHtmlString());
    }
}
