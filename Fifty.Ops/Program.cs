using Fifty.Ops.CommandLine;
using Fifty.Ops.Infrastructure;

// `Fifty.Ops import …` / `period …` / `year …` run one command and exit instead of serving.
if (CommandDispatcher.IsCommand(args)) return await CommandDispatcher.RunAsync(args, Console.Out, Console.Error);

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // The published app runs from any folder: its static files and seed-data sit beside the executable.
    ContentRootPath = AppContext.BaseDirectory,
});

// Serves wwwroot and MudBlazor's files straight from the build output whatever the environment (a no-op once published,
// where they are copied beside the executable).
builder.WebHost.UseStaticWebAssets();

builder.AddFiftyOps();

var app = builder.Build();
await app.InitializeDatabaseAsync();
app.UseFiftyOpsPipeline();
await app.RunAsync();
return 0;

public partial class Program;
