namespace Fifty.Ops.Domain;

/// <summary>Which part of a report an amount comes from; the same project may appear in several and must agree.</summary>
public enum BudgetSection { Appendix, ProjectTable, RequiredBudget, Entry }
