using Bunit;
using Fifty.Ops.Features;
using Fifty.Ops.Features.Campuses;
using Fifty.Ops.Tests.Components;

namespace Fifty.Ops.Tests.DataEntry;

/// <summary>
/// The campus monthly form: choosing a month loads its stored figures from the server, and that answer can come after
/// the planner started typing. It must fill only untouched fields, and an answer for an earlier choice must be dropped.
/// </summary>
public sealed class UsageEntryFormTests() : ComponentTestBase(interactive: true)
{
    private readonly Dictionary<int, TaskCompletionSource<MonthlyUsage?>> _loads = [];
    private readonly List<UsageEntryForm> _saved = [];

    private static readonly IReadOnlyList<CampusMonthTable> Campuses =
    [
        new("south", "서울시50플러스 남부캠퍼스", "남부캠퍼스", true, null, 36, new DueMonths(1, 12), new MonthlyUsage?[12], []),
    ];

    private static readonly IReadOnlyList<QuarterState> Quarters = [.. Enumerable.Range(1, 4).Select(q => new QuarterState(q, false, null))];

    private IRenderedComponent<MudBlazor.MudPopoverProvider>? _popovers;

    /// <summary>Chooses an option of the campus or month MudSelect by its text, as a user does.</summary>
    private void Choose(IRenderedComponent<UsageEntryFormView> form, string inputId, string text) => _popovers!.Choose(form, inputId, text);

    private IRenderedComponent<UsageEntryFormView> Render()
    {
        // The selects' options open in MudBlazor's popover layer, drawn by the provider as in the app's layout.
        _popovers = Context.Render<MudBlazor.MudPopoverProvider>();
        return Context.Render<UsageEntryFormView>(p => p
            .Add(f => f.Year, 2023)
            .Add(f => f.Campuses, Campuses)
            .Add(f => f.Quarters, Quarters)
            .Add(f => f.LoadMonth, (_, _, month) =>
            {
                var load = new TaskCompletionSource<MonthlyUsage?>(TaskCreationOptions.RunContinuationsAsynchronously);
                _loads[month] = load;
                return load.Task;
            })
            .Add(f => f.Save, form =>
            {
                _saved.Add(new UsageEntryForm { CampusCode = form.CampusCode, Month = form.Month, Visits = form.Visits, Communities = form.Communities, Token = form.Token });
                return Task.FromResult(WriteResult.Ok(null, "8"));
            }));
    }

    private static string? ValueOf(IRenderedComponent<UsageEntryFormView> form, UsageMetric metric) =>
        form.Find($"#entry-{metric}").GetAttribute("value");

    [Fact]
    public void AMonthsFiguresArrivingAfterTypingFillOnlyTheFieldsNotTypedIn()
    {
        var form = Render();
        Choose(form, "entry-campus", "서울시50플러스 남부캠퍼스");
        Choose(form, "entry-month", "10월");
        Assert.True(form.Find("button.save-button").HasAttribute("disabled")); // no save before the month's version is known
        form.Find("#entry-Visits").Input("777");

        _loads[10].SetResult(new MonthlyUsage(10, 1234, 50, 7, 5, 30, false) { Version = 7 });

        form.WaitForAssertion(() => Assert.Equal("5", ValueOf(form, UsageMetric.Communities)));
        Assert.Equal("777", ValueOf(form, UsageMetric.Visits));
        Assert.Equal("50", ValueOf(form, UsageMetric.CourseParticipants));
        Assert.Contains("불러오기 전에 입력한 칸은 입력한 값 그대로", form.Find("[data-state=loaded-month]").TextContent, StringComparison.Ordinal);

        form.Find("button.save-button").Click();
        form.WaitForAssertion(() => Assert.Single(_saved));
        Assert.Equal(("777", "5", "7"), (_saved[0].Visits, _saved[0].Communities, _saved[0].Token));
    }

    [Fact]
    public void AnAnswerForAnEarlierChoiceOfMonthIsDropped()
    {
        var form = Render();
        Choose(form, "entry-campus", "서울시50플러스 남부캠퍼스");
        Choose(form, "entry-month", "3월");
        Choose(form, "entry-month", "4월");

        _loads[4].SetResult(new MonthlyUsage(4, 40, null, null, null, null, false) { Version = 2 });
        form.WaitForAssertion(() => Assert.Equal("40", ValueOf(form, UsageMetric.Visits)));
        _loads[3].SetResult(new MonthlyUsage(3, 30, null, null, 3, null, false) { Version = 5 });

        form.WaitForAssertion(() => Assert.False(form.Find("button.save-button").HasAttribute("disabled")));
        Assert.Equal("40", ValueOf(form, UsageMetric.Visits));
        Assert.Equal("", ValueOf(form, UsageMetric.Communities) ?? "");
        form.Find("button.save-button").Click();
        form.WaitForAssertion(() => Assert.Single(_saved));
        Assert.Equal(("4", "40", "2"), (_saved[0].Month, _saved[0].Visits, _saved[0].Token));
    }

    [Theory]
    [InlineData("=A1+A2")]
    [InlineData("2023-10-01")]
    [InlineData("-3")]
    [InlineData("99999999999")]
    public void ABadCountIsRefusedUnderItsFieldInKoreanAndNothingIsSaved(string typed)
    {
        var form = Render();
        Choose(form, "entry-campus", "서울시50플러스 남부캠퍼스");
        Choose(form, "entry-month", "10월");
        _loads[10].SetResult(null);
        form.WaitForAssertion(() => Assert.False(form.Find("button.save-button").HasAttribute("disabled")));

        form.Find("#entry-Visits").Input(typed);
        form.Find("button.save-button").Click();

        var error = form.WaitForElement("#entry-Visits-error");
        Assert.StartsWith("방문 인원은 0 이상의 정수여야 합니다", error.TextContent.Trim(), StringComparison.Ordinal);
        Assert.EndsWith($"입력: {typed}).", error.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(typed, ValueOf(form, UsageMetric.Visits));
        Assert.Contains("명", form.Find("[data-field=Visits] .mud-input-adornment").TextContent, StringComparison.Ordinal);
        Assert.Empty(_saved);
    }
}
