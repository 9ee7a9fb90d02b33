namespace Fifty.Ops.Domain;

/// <summary>
/// A programme row whose budget a report ties to one site (e.g. 2020 "[수탁사업] 서울시 도심권50플러스센터 운영").
/// Only links a source states are stored; cost per participant is computed from <see cref="CampusBudgetRole.Operation"/> links.
/// </summary>
public sealed class CampusBudgetLink : IHasSource
{
    public int Id { get; set; }
    public int CampusId { get; set; }
    public Campus? Campus { get; set; }
    public int ProgrammeNodeId { get; set; }
    public ProgrammeNode? ProgrammeNode { get; set; }
    public CampusBudgetRole Role { get; set; }
    public string? Note { get; set; }
    public SourceRef Source { get; set; } = SourceRef.Entered;
}
