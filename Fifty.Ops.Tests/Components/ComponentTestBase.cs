using Bunit;
using Fifty.Ops.Infrastructure.Ui;
using Microsoft.AspNetCore.Components;

namespace Fifty.Ops.Tests.Components;

/// <summary>
/// A bUnit context per test, disposed asynchronously. xunit 2 disposes test classes through <c>IDisposable</c> only,
/// and some component services (MudBlazor's among them) are async-disposable only: a synchronous dispose then fails
/// every test at teardown (docs/stack.md). So the class is <see cref="IAsyncLifetime"/>, never <see cref="IDisposable"/>.
/// Components render as prerendered (static) HTML, what a reader without a circuit gets, unless the class passes
/// <c>interactive: true</c> (forms: buttons enabled, handlers wired) or a test calls <see cref="Interactive"/>.
/// The one base of every bUnit test class.
/// </summary>
public abstract class ComponentTestBase : IAsyncLifetime
{
    protected ComponentTestBase(bool interactive = false)
    {
        // MudBlazor's services (Korean texts) as the app registers them, before anything is resolved (the renderer info
        // reads the provider); MudBlazor's JavaScript calls (focus, key interceptors) answer nothing.
        Context.Services.AddFiftyOpsMudBlazor();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.SetRendererInfo(interactive ? new RendererInfo("Server", isInteractive: true) : new RendererInfo("Static", isInteractive: false));
    }

    protected BunitContext Context { get; } = new();

    /// <summary>Renders the following components as on a live circuit (buttons enabled, event handlers wired).</summary>
    protected void Interactive() => Context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync() => await Context.DisposeAsync();
}
