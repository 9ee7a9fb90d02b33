using MudBlazor;

namespace Fifty.Ops.Layout;

/// <summary>
/// The one theme of the app: KRDS-like blues (the Korean government design system's primary 60 <c>#0b50d0</c> for
/// actions and links, its dark navy for the app bar), the self-hosted Pretendard face (wwwroot/fonts, OFL) with Nanum
/// Gothic as the fallback Debian installs, body text at 16 px and no upper-casing of button labels. Every text/background
/// pair here has a contrast of at least 4.5:1 (a test checks it).
/// </summary>
public static class FiftyOpsTheme
{
    public static readonly string[] FontFamily = ["Pretendard", "Nanum Gothic", "NanumGothic", "Malgun Gothic", "sans-serif"];

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0b50d0",
            PrimaryContrastText = "#ffffff",
            Secondary = "#063a74",
            SecondaryContrastText = "#ffffff",
            Tertiary = "#6b3fa0",
            TertiaryContrastText = "#ffffff",
            Info = "#0a5fb4",
            InfoContrastText = "#ffffff",
            Success = "#1d7a35",
            SuccessContrastText = "#ffffff",
            Warning = "#8a5a00",
            WarningContrastText = "#ffffff",
            Error = "#b3261e",
            ErrorContrastText = "#ffffff",
            Dark = "#1e2124",
            DarkContrastText = "#ffffff",
            TextPrimary = "#1e2124",
            TextSecondary = "#58616a",
            TextDisabled = "#6d7882",
            ActionDefault = "#464c53",
            Background = "#f4f5f6",
            BackgroundGray = "#eef1f5",
            Surface = "#ffffff",
            AppbarBackground = "#052561",
            AppbarText = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "#1e2124",
            DrawerIcon = "#0b50d0",
            LinesDefault = "#cdd1d5",
            LinesInputs = "#8f979e",
            TableLines = "#cdd1d5",
            TableStriped = "#f7f8fa",
            TableHover = "#eef3fd",
            Divider = "#cdd1d5",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontFamily, FontSize = "1rem", LineHeight = "1.55", LetterSpacing = "normal" },
            Body1 = new Body1Typography { FontFamily = FontFamily, FontSize = "1rem", LineHeight = "1.55", LetterSpacing = "normal" },
            Body2 = new Body2Typography { FontFamily = FontFamily, FontSize = "1rem", LineHeight = "1.5", LetterSpacing = "normal" },
            Button = new ButtonTypography { FontFamily = FontFamily, FontSize = "1rem", FontWeight = "600", TextTransform = "none", LetterSpacing = "normal" },
            Caption = new CaptionTypography { FontFamily = FontFamily, FontSize = "0.875rem", LetterSpacing = "normal" },
            Subtitle1 = new Subtitle1Typography { FontFamily = FontFamily, FontSize = "1rem", FontWeight = "600", LetterSpacing = "normal" },
            Subtitle2 = new Subtitle2Typography { FontFamily = FontFamily, FontSize = "0.9375rem", FontWeight = "600", LetterSpacing = "normal" },
            H6 = new H6Typography { FontFamily = FontFamily, FontSize = "1.125rem", FontWeight = "700", LetterSpacing = "normal" },
            H5 = new H5Typography { FontFamily = FontFamily, FontSize = "1.375rem", FontWeight = "700", LetterSpacing = "normal" },
            H4 = new H4Typography { FontFamily = FontFamily, FontSize = "1.75rem", FontWeight = "700", LetterSpacing = "normal" },
        },
        LayoutProperties = new LayoutProperties
        {
            DrawerWidthLeft = "14rem",
            AppbarHeight = "64px",
            DefaultBorderRadius = "6px",
        },
    };
}
