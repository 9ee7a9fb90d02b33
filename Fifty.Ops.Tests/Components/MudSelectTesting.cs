using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Fifty.Ops.Tests.Components;

/// <summary>Drives a MudSelect in bUnit the way a user does: a tap on the field opens it, a click on an option's text chooses.</summary>
public static class MudSelectTesting
{
    /// <summary>
    /// Opens the MudSelect whose input has id <paramref name="inputId"/> in <paramref name="cut"/> and clicks the option
    /// whose text is <paramref name="text"/> (trimmed, exact) among the open popovers of <paramref name="popovers"/>.
    /// Throws when the select or the option is not there.
    /// </summary>
    public static void Choose<TComponent>(this IRenderedComponent<MudPopoverProvider> popovers, IRenderedComponent<TComponent> cut, string inputId, string text)
        where TComponent : IComponent
    {
        IElement? control = cut.Find($"#{inputId}");
        while (control is not null && !control.ClassList.Contains("mud-input-control")) control = control.ParentElement;
        (control ?? throw new InvalidOperationException($"#{inputId} is not inside a MudSelect")).MouseDown(new MouseEventArgs { Button = 0 });
        popovers.WaitForAssertion(() => Assert.Contains(popovers.FindAll(".mud-popover-open .mud-list-item"), i => i.TextContent.Trim() == text));
        popovers.FindAll(".mud-popover-open .mud-list-item").First(i => i.TextContent.Trim() == text).Click();
    }
}
