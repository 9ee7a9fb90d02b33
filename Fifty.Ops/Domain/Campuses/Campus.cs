namespace Fifty.Ops.Domain;

public sealed class Campus
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public CampusKind Kind { get; set; }
    public int SortOrder { get; set; }
    /// <summary>First day the site serves residents (개소일); null means it was open before any year this database holds.</summary>
    public DateOnly? OpenedOn { get; set; }
    /// <summary>Last day the site served residents (폐소일); null means it is still open.</summary>
    public DateOnly? ClosedOn { get; set; }
}
