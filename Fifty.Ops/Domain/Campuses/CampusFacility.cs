namespace Fifty.Ops.Domain;

/// <summary>Facility facts as one report states them; reports disagree (e.g. 북부 floor area), so each keeps its own row.</summary>
public sealed class CampusFacility : IHasSource
{
    public int Id { get; set; }
    public int CampusId { get; set; }
    public Campus? Campus { get; set; }
    public int ReportYear { get; set; }
    public string NameInSource { get; set; } = "";
    public DateOnly? OpenedOn { get; set; }
    public string? OpenedRaw { get; set; }
    public FacilityStatus Status { get; set; }
    /// <summary>
    /// The day <see cref="Status"/> took effect when it changed during <see cref="ReportYear"/> (e.g. 위탁 → 고유사무 on
    /// 2022-11-30); null when the status held the whole year. Set by the site setup, which writes the new status to this
    /// year's row and every later year's row.
    /// </summary>
    public DateOnly? StatusSince { get; set; }
    public string? Address { get; set; }
    public decimal? FloorAreaM2 { get; set; }
    public decimal? ManagedAreaM2 { get; set; }
    public string? FloorsRaw { get; set; }
    public string? MainRooms { get; set; }
    public string? Note { get; set; }
    public SourceRef Source { get; set; } = SourceRef.Entered;
}
