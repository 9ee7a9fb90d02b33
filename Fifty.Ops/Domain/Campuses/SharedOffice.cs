namespace Fifty.Ops.Domain;

public sealed class SharedOffice : IHasSource
{
    public int Id { get; set; }
    /// <summary>Null for a total row stated by the source.</summary>
    public int? CampusId { get; set; }
    public Campus? Campus { get; set; }
    public int Year { get; set; }
    public int? Seats { get; set; }
    public int? PrivateSeats { get; set; }
    public int? OpenSeats { get; set; }
    public decimal? AreaM2 { get; set; }
    public int? OccupiedSeats { get; set; }
    public string? SeatsRaw { get; set; }
    /// <summary>사용률 as the source prints it (e.g. <c>85.6%</c>), kept to check it against occupied ÷ seats.</summary>
    public string? OccupancyRaw { get; set; }
    /// <summary>What the source says about tenants in words (e.g. 단체 31팀(72명), 개인 57명 입주 중).</summary>
    public string? Note { get; set; }
    public SourceRef Source { get; set; } = SourceRef.Entered;
}
