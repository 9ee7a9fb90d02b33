using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Fifty.Ops.Infrastructure.Ui;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.JSInterop;
using MudBlazor;

namespace Fifty.Ops.Tests.Infrastructure.Ui;

/// <summary>
/// Every text MudBlazor can show has Korean, and keeps MudBlazor's placeholders: a translation with a missing or extra
/// <c>{n}</c> throws while a page renders (the DataGrid pager's "{0}-{1} of {2}").
/// </summary>
public sealed partial class KoreanMudLocalizerTests
{
    /// <summary>Every key of MudBlazor's own English resource, with its English text.</summary>
    private static Dictionary<string, string> MudBlazorEnglish()
    {
        var resources = new ResourceManager("MudBlazor.Resources.LanguageResource", typeof(MudLocalizer).Assembly);
        var set = resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)!;
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"[\uAC00-\uD7A3]")]
    private static partial Regex Hangul();

    private static string[] Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void EveryMudBlazorKeyHasKoreanWithTheEnglishPlaceholders()
    {
        var english = MudBlazorEnglish();
        Assert.True(english.Count > 100, $"MudBlazor's resource has only {english.Count} keys: was it read?");

        var problems = new List<string>();
        foreach (var (key, text) in english)
        {
            if (!KoreanMudLocalizer.Texts.TryGetValue(key, out var korean))
            {
                problems.Add($"{key}: 번역 없음 (영문 \"{text}\")");
                continue;
            }

            if (!Placeholders(text).SequenceEqual(Placeholders(korean)))
                problems.Add($"{key}: 자리표시자가 다름 (영문 \"{text}\", 한국어 \"{korean}\")");
            // Symbols such as "=" or ">=" stay symbols; every worded text is Korean.
            if (text.Any(char.IsLetter) && !Hangul().IsMatch(korean))
                problems.Add($"{key}: 한국어가 아님 (\"{korean}\")");
            // Formatting with as many arguments as the English takes must not throw.
            var count = Placeholders(text).Select(n => int.Parse(n, CultureInfo.InvariantCulture) + 1).DefaultIfEmpty(0).Max();
            try
            {
                _ = string.Format(CultureInfo.InvariantCulture, korean, Enumerable.Repeat((object)"x", count).ToArray());
            }
            catch (FormatException)
            {
                problems.Add($"{key}: 형식 오류 (\"{korean}\")");
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void NoTranslationNamesAKeyMudBlazorDoesNotHave()
    {
        var english = MudBlazorEnglish();
        Assert.Empty(KoreanMudLocalizer.Texts.Keys.Where(k => !english.ContainsKey(k)));
    }

    [Fact]
    public void TheLocalizerFormatsArgumentsAndLeavesUnknownKeysToMudBlazor()
    {
        var localizer = new KoreanMudLocalizer();
        Assert.Equal("1–10 / 전체 25", localizer["MudDataGridPager_InfoFormat", 1, 10, 25].Value);
        Assert.Equal("3쪽", localizer["MudPagination_PageIndex", 3].Value);
        Assert.True(localizer["NoSuchKey"].ResourceNotFound);
    }

    [Fact]
    public async Task ADataGridPagerRendersInKorean()
    {
        var items = Enumerable.Range(1, 25).Select(i => new Row(i, $"항목 {i}")).ToList();
        var html = await RenderAsync(builder =>
        {
            builder.OpenComponent<MudDataGrid<Row>>(0);
            builder.AddAttribute(1, nameof(MudDataGrid<Row>.Items), items);
            builder.AddAttribute(2, nameof(MudDataGrid<Row>.Columns), (RenderFragment)(columns =>
            {
                columns.OpenComponent<PropertyColumn<Row, int>>(0);
                columns.AddAttribute(1, nameof(PropertyColumn<Row, int>.Property), (System.Linq.Expressions.Expression<Func<Row, int>>)(r => r.Id));
                columns.AddAttribute(2, nameof(PropertyColumn<Row, int>.Title), "번호");
                columns.CloseComponent();
            }));
            builder.AddAttribute(3, nameof(MudDataGrid<Row>.PagerContent), (RenderFragment)(pager =>
            {
                pager.OpenComponent<MudDataGridPager<Row>>(0);
                pager.CloseComponent();
            }));
            builder.CloseComponent();
        });

        var text = new HtmlParser().ParseDocument(html).Body!.TextContent;
        Assert.Contains("쪽당 행 수:", text, StringComparison.Ordinal);
        Assert.Contains("1–10 / 전체 25", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Rows per page", text, StringComparison.Ordinal);
    }

    public sealed record Row(int Id, string Name);

    private static async Task<string> RenderAsync(RenderFragment fragment)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IJSRuntime, NoJs>();
        services.AddFiftyOpsMudBlazor();
        await using var provider = services.BuildServiceProvider();
        await using var renderer = new HtmlRenderer(provider, NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<Host>(ParameterView.FromDictionary(new Dictionary<string, object?> { ["ChildContent"] = fragment }))).ToHtmlString());
    }

    /// <summary>Static rendering runs no script; MudBlazor's services only need the type.</summary>
    private sealed class NoJs : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => ValueTask.FromResult(default(TValue)!);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) => ValueTask.FromResult(default(TValue)!);
    }

    private sealed class Host : ComponentBase
    {
        [Parameter] public RenderFragment? ChildContent { get; set; }

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder) => builder.AddContent(0, ChildContent);
    }
}
