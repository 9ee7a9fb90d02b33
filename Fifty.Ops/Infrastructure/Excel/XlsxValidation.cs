using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Fifty.Ops.Infrastructure.Excel;

public enum XlsxValidationKind { WholeNumber, List, TextLength }

/// <summary>
/// A data validation over a range (e.g. <c>F4:L40</c>): whole numbers between bounds, a list of allowed values, or a
/// maximum text length. Excel checks typing against it; an import still checks every cell itself.
/// </summary>
public sealed record XlsxValidation(string Range, XlsxValidationKind Kind, string ErrorTitle, string Error)
{
    public decimal? Min { get; init; }
    public decimal? Max { get; init; }
    public IReadOnlyList<string> Items { get; init; } = [];
    public string? Prompt { get; init; }

    internal DataValidation ToElement()
    {
        var v = new DataValidation
        {
            SequenceOfReferences = new ListValue<StringValue>(Range.Split(' ').Select(r => new StringValue(r))),
            AllowBlank = true,
            ShowErrorMessage = true,
            ErrorStyle = DataValidationErrorStyleValues.Stop,
            ErrorTitle = ErrorTitle,
            Error = Error,
        };
        if (Prompt is not null)
        {
            v.ShowInputMessage = true;
            v.Prompt = Prompt;
        }

        switch (Kind)
        {
            case XlsxValidationKind.WholeNumber:
                v.Type = DataValidationValues.Whole;
                v.Operator = DataValidationOperatorValues.Between;
                v.Append(new Formula1(XlsxSheetWriter.NumberText(Min ?? -999_999_999_999m)), new Formula2(XlsxSheetWriter.NumberText(Max ?? 999_999_999_999m)));
                break;
            case XlsxValidationKind.List:
                v.Type = DataValidationValues.List;
                v.Append(new Formula1("\"" + string.Join(",", Items) + "\""));
                break;
            default:
                v.Type = DataValidationValues.TextLength;
                v.Operator = DataValidationOperatorValues.LessThanOrEqual;
                v.Append(new Formula1(XlsxSheetWriter.NumberText(Max ?? 32767m)));
                break;
        }

        return v;
    }
}
