namespace Fifty.Ops.Domain;

/// <summary>
/// A record that forms and the import edit. <see cref="Version"/> is an optimistic concurrency token: the context
/// raises it on every save and the UPDATE or DELETE matches the version the editor started from, so a stale form
/// cannot overwrite someone else's save without seeing it.
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}
