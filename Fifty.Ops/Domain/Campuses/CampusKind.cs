namespace Fifty.Ops.Domain;

public enum CampusKind { Campus, Centre }
