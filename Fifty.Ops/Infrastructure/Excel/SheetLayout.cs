namespace Fifty.Ops.Infrastructure.Excel;

/// <summary>Everything about a sheet that has to be known before its rows are streamed.</summary>
public sealed record SheetLayout
{
    /// <summary>Widths of columns A, B, … in Excel's character unit (see <see cref="ColumnWidths"/>).</summary>
    public IReadOnlyList<double> ColumnWidths { get; init; } = [];

    /// <summary>Rows kept in view when scrolling (the header block and column headings).</summary>
    public int FrozenRows { get; init; }

    /// <summary>Columns kept in view when scrolling sideways (code and name).</summary>
    public int FrozenColumns { get; init; }

    /// <summary>The deepest outline level of any row; Excel sizes its outline buttons from it.</summary>
    public int MaxOutlineLevel { get; init; }

    /// <summary>Hierarchies print their total first, so the outline's summary row sits above its detail.</summary>
    public bool SummaryRowsAbove { get; init; } = true;

    public bool Landscape { get; init; } = true;

    /// <summary>Scale every page to the paper's width and let the length run over as many pages as needed.</summary>
    public bool FitToWidth { get; init; } = true;

    /// <summary>Rows repeated at the top of every printed page (1-based, inclusive).</summary>
    public (int First, int Last)? PrintTitleRows { get; init; }

    /// <summary>Plain text of the page footer's left and right parts; the centre shows "page / pages".</summary>
    public string? FooterLeft { get; init; }

    public string? FooterRight { get; init; }

    /// <summary>
    /// Protects the sheet (no password: it guards against slips, not people): only cells styled
    /// <see cref="CellStyle.Unlocked"/> can be edited; columns can still be resized and filters used.
    /// </summary>
    public bool Protected { get; init; }

    /// <summary>Columns (1-based) written hidden, e.g. a machine-read check column of an import template.</summary>
    public IReadOnlySet<int> HiddenColumns { get; init; } = new HashSet<int>();

    /// <summary>Hides the whole sheet from the tab bar.</summary>
    public bool Hidden { get; init; }
}
