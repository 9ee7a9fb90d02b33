namespace Fifty.Ops.Components;

/// <summary>
/// A field the server refused on save: the Korean reason and the text it was refused for. The field shows the reason
/// while it still holds that text, so correcting the field clears the message without another round trip.
/// </summary>
public sealed record FieldRefusal(string Message, string Text)
{
    /// <summary>The refusal's message for a field that still holds the refused text, else null.</summary>
    public static string? Of(IReadOnlyDictionary<string, FieldRefusal> refusals, string field, string? text) =>
        refusals.TryGetValue(field, out var r) && r.Text == (text ?? "") ? r.Message : null;
}
