namespace Fifty.Ops.Domain;

/// <summary>A row of a year's structure that can be retired (일몰) with who, when and why.</summary>
public interface IRetirable
{
    StructureStatus Status { get; set; }
    DateTimeOffset? RetiredAt { get; set; }
    string? RetiredBy { get; set; }
    /// <summary>Required once a quarter of the year is closed; optional before.</summary>
    string? RetiredReason { get; set; }
}
