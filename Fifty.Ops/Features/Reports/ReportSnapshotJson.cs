using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Fifty.Ops.Features.Reports;

/// <summary>
/// The JSON form of a <see cref="QuarterlyReport"/> kept when a quarter is closed (<c>ReportSnapshot</c>). Only the
/// members the records are constructed from are written (computed properties such as <c>ExecutionRow.CommittedRate</c>
/// are recomputed on reading); enums are written by name. Reading is strict: a member the record needs that the JSON
/// lacks, or a null where the record does not allow one, fails instead of rendering a report with a hole in it. A
/// member added to a record later must therefore be an optional constructor parameter (or <see cref="FormatVersion"/>
/// is raised and old snapshots converted).
/// </summary>
public static class ReportSnapshotJson
{
    public const int FormatVersion = 1;

    public static readonly JsonSerializerOptions Options = new()
    {
        IgnoreReadOnlyProperties = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(QuarterlyReport report) => JsonSerializer.Serialize(report, Options);

    /// <exception cref="JsonException">The text is not a complete report of this format.</exception>
    public static QuarterlyReport Deserialize(string json) =>
        JsonSerializer.Deserialize<QuarterlyReport>(json, Options) ?? throw new JsonException("보고서 고정본이 비어 있습니다.");

    /// <summary>SHA-256 of the UTF-8 text, lower-case hex.</summary>
    public static string Hash(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
}
