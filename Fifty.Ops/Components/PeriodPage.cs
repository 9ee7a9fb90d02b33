using Microsoft.AspNetCore.Components;

namespace Fifty.Ops.Components;

/// <summary>
/// A page driven by <c>?year=&amp;quarter=</c>. The model loaded while prerendering is handed to the interactive
/// circuit through persisted state, so the first HTML already holds the figures and the database is read once.
/// </summary>
public abstract partial class PeriodPage<TModel> : ComponentBase, IDisposable where TModel : class
{
    private PersistingComponentStateSubscription _subscription;

    [SupplyParameterFromQuery(Name = "year")] public int? Year { get; set; }
    [SupplyParameterFromQuery(Name = "quarter")] public int? Quarter { get; set; }

    [Inject] private PersistentComponentState ApplicationState { get; set; } = default!;
    [Inject] private ILogger<PeriodPage<TModel>> Logger { get; set; } = default!;

    protected TModel? Model { get; private set; }
    protected bool IsLoading { get; private set; } = true;
    protected string? LoadError { get; private set; }

    private string? _loadedKey;

    /// <summary>What, besides year and quarter, decides the model (e.g. a route id). Filters applied in memory do not.</summary>
    protected virtual string ModelKey => "";

    private string StateKey => $"{GetType().Name}:{Year}:{Quarter}:{ModelKey}";


    protected override void OnInitialized() =>
        _subscription = ApplicationState.RegisterOnPersisting(() =>
        {
            if (Model is not null) ApplicationState.PersistAsJson(StateKey, Model);
            return Task.CompletedTask;
        });

    protected override async Task OnParametersSetAsync()
    {
        // A change of an in-memory filter in the query string re-sets parameters; the model is the same.
        if (Model is not null && _loadedKey == StateKey) return;

        LoadError = null;
        if (ApplicationState.TryTakeFromJson<TModel>(StateKey, out var restored) && restored is not null)
        {
            Model = restored;
            IsLoading = false;
            _loadedKey = StateKey;
            return;
        }

        IsLoading = true;
        try
        {
            Model = await LoadAsync();
            _loadedKey = StateKey;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogLoadFailed(Logger, ex, GetType().Name);
            Model = null;
            LoadError = "자료를 불러오지 못했습니다. 잠시 후 다시 시도하세요.";
        }
        finally
        {
            IsLoading = false;
        }
    }

    protected abstract Task<TModel> LoadAsync();

    /// <summary>Reads the model again after the page changed data (e.g. a saved entry), keeping the current one on failure.</summary>
    protected async Task ReloadAsync()
    {
        try
        {
            Model = await LoadAsync();
            LoadError = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogLoadFailed(Logger, ex, GetType().Name);
            LoadError = "자료를 다시 불러오지 못했습니다. 페이지를 새로 고치세요.";
        }

        // The change usually comes from a child's event (a form), which re-renders only that child.
        StateHasChanged();
    }

    public void Dispose()
    {
        _subscription.Dispose();
        // The renderer can keep a disposed page reachable for a while (a parent's previous render tree still points at
        // it until the parent renders again); the model must not stay alive with it, it is the page's one large object.
        Model = null;
        GC.SuppressFinalize(this);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Loading {Page} failed")]
    private static partial void LogLoadFailed(ILogger logger, Exception ex, string page);
}
