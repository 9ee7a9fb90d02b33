namespace Fifty.Ops.Domain;

public enum IndicatorValueKind { Actual, Target, StatedRate }
