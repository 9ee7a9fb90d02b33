namespace Fifty.Ops.Domain;

/// <summary>Monthly usage of one campus, entered by planners (or loaded from the optional demo set).</summary>
public sealed class CampusUsage : IVersioned
{
    public int Id { get; set; }
    public int CampusId { get; set; }
    public Campus? Campus { get; set; }
    public int Year { get; set; }
    public int Month { get; set; }
    public int? Visits { get; set; }
    public int? CourseParticipants { get; set; }
    public int? CounsellingCases { get; set; }
    public int? Communities { get; set; }
    public int? OccupiedSeats { get; set; }
    public bool IsDemo { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public int Version { get; set; }
}
