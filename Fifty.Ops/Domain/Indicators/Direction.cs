namespace Fifty.Ops.Domain;

public enum Direction { Higher, Lower }
