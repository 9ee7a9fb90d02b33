using MudBlazor;
using MudBlazor.Services;

namespace Fifty.Ops.Infrastructure.Ui;

public static class UiServiceCollectionExtensions
{
    /// <summary>
    /// MudBlazor's services with Korean texts. Snackbars sit bottom-right, above the phone's thumb zone, and last long
    /// enough to be read aloud by a screen reader.
    /// </summary>
    public static IServiceCollection AddFiftyOpsMudBlazor(this IServiceCollection services)
    {
        services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            o.SnackbarConfiguration.VisibleStateDuration = 8000;
            o.SnackbarConfiguration.PreventDuplicates = true;
        });
        services.AddTransient<MudLocalizer, KoreanMudLocalizer>();
        return services;
    }
}
