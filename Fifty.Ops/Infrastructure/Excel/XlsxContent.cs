namespace Fifty.Ops.Infrastructure.Excel;

/// <summary>The media type of an .xlsx workbook, for every download and upload of one (reports, templates, structure, audit).</summary>
public static class XlsxContent
{
    public const string Type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The <c>accept</c> value of a file input that takes a workbook.</summary>
    public const string Accept = ".xlsx," + Type;
}
