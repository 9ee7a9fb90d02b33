namespace Fifty.Ops.Domain;

public enum IndicatorKind { Promise, Headline, Project }
