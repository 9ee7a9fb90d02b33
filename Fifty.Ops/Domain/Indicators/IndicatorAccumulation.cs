namespace Fifty.Ops.Domain;

/// <summary>
/// How a quarter's actual relates to the year's target: <see cref="Cumulative"/> counts add up over the year (참여자 수),
/// <see cref="PointInTime"/> values stand for the moment measured (만족도, 입주율).
/// </summary>
public enum IndicatorAccumulation { Cumulative, PointInTime }
