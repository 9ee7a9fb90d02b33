namespace Fifty.Ops.Domain;

public enum NarrativeKind { Progress, Plan }
