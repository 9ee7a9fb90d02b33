using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Identity;

namespace Fifty.Ops.Domain;

/// <summary>One of the four fixed roles; what each may do is decided in code (<c>Policies</c>), not in data.</summary>
public sealed class AppRole : IdentityRole<int>
{
    [AllowNull] public override string Name { get => base.Name ?? ""; set => base.Name = value; }
    [AllowNull] public override string NormalizedName { get => base.NormalizedName ?? ""; set => base.NormalizedName = value; }
    public string Label { get; set; } = "";
}
