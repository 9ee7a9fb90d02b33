namespace Fifty.Ops.Domain;

public enum PeriodAction { Open, Close, Reopen }
