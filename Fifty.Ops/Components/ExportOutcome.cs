namespace Fifty.Ops.Components;

/// <summary>
/// What <c>fiftyOps.download</c> (wwwroot/js/download.js) answers: <see cref="Ok"/> with the saved file's name, or the
/// Korean reason the file could not be had (the endpoint's refusal text, or a network message).
/// </summary>
public sealed record ExportOutcome(bool Ok, string? FileName, string? Message);
