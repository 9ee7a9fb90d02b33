namespace Fifty.Ops.Domain;

public enum FundingSource { Contribution, Subsidy, Donation, Commissioned, Own }
