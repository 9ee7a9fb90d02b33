namespace Fifty.Ops.Domain;

public enum BudgetSide { Revenue, Expenditure }
