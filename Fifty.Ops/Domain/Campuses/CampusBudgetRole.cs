namespace Fifty.Ops.Domain;

public enum CampusBudgetRole { Operation, Opening }
