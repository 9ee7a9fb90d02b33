using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Fifty.Ops.Tests.DataEntry;

/// <summary>
/// Entry forms rendered live (buttons enabled, handlers wired) with MudBlazor's services; MudBlazor's JavaScript calls
/// (focus, key interceptors) answer nothing, which the forms do not depend on. Disposed asynchronously: a MudBlazor
/// service is async-disposable only (docs/stack.md). Services go in before the renderer info, which reads the provider.
/// </summary>
public abstract class MudFormTestBase : IAsyncLifetime
{
    protected MudFormTestBase()
    {
        Context.Services.AddMudServices();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    protected BunitContext Context { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Context.DisposeAsync();
}
