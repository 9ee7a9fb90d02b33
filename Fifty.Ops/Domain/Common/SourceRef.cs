namespace Fifty.Ops.Domain;

public sealed record SourceRef(string Doc, string Section)
{
    public static readonly SourceRef Entered = new("", "");
    public override string ToString() => string.IsNullOrEmpty(Doc) ? "입력" : $"{Doc} › {Section}";
}
