using Bunit;
using Fifty.Ops.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Fifty.Ops.Tests.Components;

namespace Fifty.Ops.Tests.Reports;

/// <summary>The export button: progress while the file is produced, a Korean snackbar when it is done or failed.</summary>
public sealed class ExportButtonTests() : ComponentTestBase(interactive: true)
{
    private IRenderedComponent<ExportButton> Render() =>
        Context.Render<ExportButton>(p => p
            .Add(b => b.Href, "reports/2023/q3.pdf")
            .Add(b => b.FileName, "2023년_3분기_주요업무보고.pdf")
            .Add(b => b.Label, "PDF 내려받기")
            .Add(b => b.BusyText, "PDF 만드는 중…"));

    [Fact]
    public void WhileTheFileIsMadeTheButtonShowsProgressAndTakesNoSecondClickThenASnackbarSaysItIsDone()
    {
        var download = Context.JSInterop.Setup<ExportOutcome?>("fiftyOps.download", "reports/2023/q3.pdf", "2023년_3분기_주요업무보고.pdf");
        var button = Render();
        button.Find("button.export-button").Click();

        Assert.True(button.Find("button.export-button").HasAttribute("disabled"));
        Assert.Contains("PDF 만드는 중…", button.Find("button.export-button").TextContent, StringComparison.Ordinal);
        Assert.NotNull(button.Find(".mud-progress-circular"));
        Assert.Single(download.Invocations);

        download.SetResult(new ExportOutcome(true, "2023년_3분기_주요업무보고.pdf", null));
        button.WaitForAssertion(() => Assert.False(button.Find("button.export-button").HasAttribute("disabled")));
        var shown = Assert.Single(Context.Services.GetRequiredService<ISnackbar>().ShownSnackbars);
        Assert.Equal(("2023년_3분기_주요업무보고.pdf 파일을 내려받았습니다.", Severity.Success), (shown.Message, shown.Severity));
        Assert.Equal("PDF 내려받기", button.Find("button.export-button").TextContent.Trim());
    }

    [Fact]
    public void AFailedExportSaysWhyInKorean()
    {
        var download = Context.JSInterop.Setup<ExportOutcome?>("fiftyOps.download", "reports/2023/q3.pdf", "2023년_3분기_주요업무보고.pdf");
        var button = Render();
        button.Find("button.export-button").Click();
        download.SetResult(new ExportOutcome(false, null, "보고서를 만들지 못했습니다. 잠시 후 다시 시도하세요."));

        button.WaitForAssertion(() => Assert.Single(Context.Services.GetRequiredService<ISnackbar>().ShownSnackbars));
        var shown = Context.Services.GetRequiredService<ISnackbar>().ShownSnackbars.Single();
        Assert.Equal(("보고서를 만들지 못했습니다. 잠시 후 다시 시도하세요.", Severity.Error), (shown.Message, shown.Severity));
    }

    [Fact]
    public void BeforeThePageIsLiveItIsAPlainDownloadLink()
    {
        Context.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", isInteractive: false));
        var link = Render().Find("a[data-download]");
        Assert.Equal("reports/2023/q3.pdf", link.GetAttribute("href"));
        Assert.Equal("PDF 만드는 중…", link.GetAttribute("data-busy-text"));
    }
}
