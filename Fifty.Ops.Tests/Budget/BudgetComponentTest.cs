using Bunit;
using Fifty.Ops.Tests.Components;

namespace Fifty.Ops.Tests.Budget;

/// <summary>
/// A bUnit context for the budget and project tables. MudSimpleTable and MudButton need no MudBlazor service (and the
/// base context is already built when a subclass could add them); script calls are answered loosely.
/// </summary>
public abstract class BudgetComponentTest : ComponentTestBase
{
    protected BudgetComponentTest() => Context.JSInterop.Mode = JSRuntimeMode.Loose;
}
