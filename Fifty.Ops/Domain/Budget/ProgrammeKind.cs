namespace Fifty.Ops.Domain;

public enum ProgrammeKind { Total, ProgrammeCosts, Overheads, PolicyArea, UnitProject, DetailedProject, OverheadItem, StrategicTask, Project }
