namespace Fifty.Ops.Domain;

public enum Quarter { Q1 = 1, Q2 = 2, Q3 = 3, Q4 = 4 }
