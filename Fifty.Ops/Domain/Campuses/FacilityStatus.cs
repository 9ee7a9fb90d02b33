namespace Fifty.Ops.Domain;

/// <summary>
/// 운영형태 of a site in a year: <see cref="Open"/> is run by the foundation itself (고유사무), <see cref="Commissioned"/>
/// is run for the city under a commission (위탁), <see cref="Planned"/> is not yet open (개관 예정).
/// </summary>
public enum FacilityStatus { Open, Planned, Commissioned }
