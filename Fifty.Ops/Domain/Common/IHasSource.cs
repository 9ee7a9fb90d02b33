namespace Fifty.Ops.Domain;

/// <summary>Where a seeded figure was transcribed from; empty for figures entered in the app.</summary>
public interface IHasSource
{
    SourceRef Source { get; }
}
