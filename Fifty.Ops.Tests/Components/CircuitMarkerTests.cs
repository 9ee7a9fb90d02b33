using Bunit;
using Fifty.Ops.Layout;

namespace Fifty.Ops.Tests.Components;

/// <summary>The marker browser tests wait for before they act (<c>AppProcess.OpenAsync</c>).</summary>
public sealed class CircuitMarkerTests : ComponentTestBase
{
    [Fact]
    public void PrerenderedHtmlSaysTheScreenIsNotInteractiveYet()
    {
        var marker = Context.Render<CircuitMarker>().Find(".circuit-marker");
        Assert.Equal("false", marker.GetAttribute("data-interactive"));
        Assert.NotNull(marker.GetAttribute("hidden"));
    }

    [Fact]
    public void OnACircuitTheMarkerIsSetOnceTheFirstRenderIsDone()
    {
        Interactive();
        var rendered = Context.Render<CircuitMarker>();
        Assert.Equal("true", rendered.Find(".circuit-marker").GetAttribute("data-interactive"));
        Assert.Equal(2, rendered.RenderCount); // the first render, then the one after it reached the browser
    }
}
