using System.Globalization;
using Fifty.Ops.Infrastructure.Excel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Fifty.Ops.Infrastructure;

/// <summary>Marks an endpoint as a file download (the endpoint walk in the tests finds every download by it).</summary>
public sealed class DownloadMetadata
{
    public static readonly DownloadMetadata Instance = new();
}

/// <summary>
/// The one place downloads are declared: who may fetch them, and that no browser or proxy keeps a copy
/// (<c>Cache-Control: no-store</c> on every answer of the endpoint, the file or its Korean refusal).
/// </summary>
public static class Downloads
{
    public const string NoStore = "no-store";

    /// <summary>Requires <paramref name="policy"/> and sends <c>Cache-Control: no-store</c> with whatever the handler answers.</summary>
    public static TBuilder AsDownload<TBuilder>(this TBuilder builder, string policy) where TBuilder : IEndpointConventionBuilder
    {
        builder.RequireAuthorization(policy);
        builder.WithMetadata(DownloadMetadata.Instance);
        builder.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = NoStore;
            return await next(context);
        });
        return builder;
    }

    /// <summary>
    /// Builds a download in a temporary file that is deleted once sent: the xlsx package needs a seekable stream, and a
    /// file keeps memory flat however large the workbook gets. <paramref name="build"/> writes into the file and answers
    /// either <see cref="Xlsx"/> of it or a refusal (<see cref="Text"/>); the file is deleted at once when the answer does
    /// not send it, or when <paramref name="build"/> throws.
    /// </summary>
    public static async Task<IResult> FromTempFileAsync(Func<FileStream, Task<IResult>> build)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        try
        {
            var result = await build(file);
            if (result is not FileStreamHttpResult sent || !ReferenceEquals(sent.FileStream, file)) await file.DisposeAsync();
            return result;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>The workbook written into <paramref name="file"/>, sent from its start (the stream closes, and the file goes, after sending).</summary>
    /// <param name="fileDownloadName">Null when the caller sets <c>Content-Disposition</c> itself (a Korean <c>filename*</c>).</param>
    public static IResult Xlsx(FileStream file, string? fileDownloadName = null)
    {
        file.Position = 0;
        return Results.File(file, XlsxContent.Type, fileDownloadName);
    }

    /// <summary>A Korean refusal as plain text (the download links open it in the browser tab).</summary>
    public static IResult Text(string message, int status) => Results.Text(message, "text/plain; charset=utf-8", statusCode: status);

    /// <summary>
    /// <c>attachment; filename=…; filename*=…</c> for a file of one quarter: both names are built here from the same
    /// year and quarter (an ASCII stand-in such as <c>2023-Q4-input-template.xlsx</c> for clients that ignore
    /// <c>filename*</c>, and the Korean name such as <c>2023년_4분기_입력양식.xlsx</c>), so they cannot name different quarters.
    /// </summary>
    public static string QuarterAttachment(int year, int quarter, string asciiStem, string koreanStem, string extension)
    {
        var (ascii, korean) = QuarterFileNames(year, quarter, asciiStem, koreanStem, extension);
        return new ContentDispositionHeaderValue("attachment") { FileName = ascii, FileNameStar = korean }.ToString();
    }

    /// <summary>(ASCII name, Korean name) of a quarter's file: <c>{year}-Q{quarter}-{asciiStem}.{ext}</c>, <c>{year}년_{quarter}분기_{koreanStem}.{ext}</c>.</summary>
    public static (string Ascii, string Korean) QuarterFileNames(int year, int quarter, string asciiStem, string koreanStem, string extension) =>
        (string.Create(CultureInfo.InvariantCulture, $"{year}-Q{quarter}-{asciiStem}.{extension}"),
         string.Create(CultureInfo.InvariantCulture, $"{year}년_{quarter}분기_{koreanStem}.{extension}"));
}
