using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;

namespace Fifty.Ops.Infrastructure;

/// <summary>
/// Blazor throws (a 500) when a typed <see cref="SupplyParameterFromQueryAttribute"/> value does not parse
/// (<c>/reports?year=abc</c>, <c>?quarter=１２</c>, <c>?year=2147483648</c>). Before a page renders, this checks each of its
/// typed query parameters with the same invariant-culture parse and answers 400 with a Korean sentence naming the
/// parameter instead. Values that parse but are out of range (year 99999, quarter 5) are the page's to handle.
/// </summary>
public sealed class QueryParameterGuard(RequestDelegate next)
{
    private static readonly ConcurrentDictionary<Type, (string Name, Type Type)[]> Typed = new();

    /// <summary>Answers 400 with a Korean sentence naming the first typed query parameter of the page that does not parse; otherwise passes on.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is { } page && context.Request.Query.Count > 0)
        {
            foreach (var (name, type) in Typed.GetOrAdd(page.Type, TypedQueryParameters))
            {
                if (!context.Request.Query.TryGetValue(name, out var values)) continue;
                foreach (var value in values)
                {
                    if (string.IsNullOrEmpty(value) || Parses(value, type)) continue;
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    context.Response.ContentType = "text/plain; charset=utf-8";
                    return context.Response.WriteAsync($"주소의 {name} 값을 읽을 수 없습니다 ({Describe(type)}). 주소를 고치거나 메뉴에서 다시 여세요.");
                }
            }
        }

        return next(context);
    }

    private static (string, Type)[] TypedQueryParameters(Type component) =>
        component.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => (x.Attribute!.Name ?? x.Property.Name, Nullable.GetUnderlyingType(x.Property.PropertyType) ?? x.Property.PropertyType))
            .Where(x => x.Item2 != typeof(string))
            .ToArray();

    // The parses Blazor's query binding uses (invariant culture).
    private static bool Parses(string value, Type type) =>
        type == typeof(int) ? int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
        : type == typeof(long) ? long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
        : type == typeof(bool) ? bool.TryParse(value, out _)
        : type == typeof(decimal) ? decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _)
        : type == typeof(double) ? double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
        : type == typeof(DateOnly) ? DateOnly.TryParse(value, CultureInfo.InvariantCulture, out _)
        : type == typeof(DateTime) ? DateTime.TryParse(value, CultureInfo.InvariantCulture, out _)
        : type == typeof(Guid) ? Guid.TryParse(value, out _)
        : true;

    private static string Describe(Type type) =>
        type == typeof(int) || type == typeof(long) ? "정수가 아닙니다"
        : type == typeof(bool) ? "true 또는 false여야 합니다"
        : type == typeof(DateOnly) || type == typeof(DateTime) ? "날짜가 아닙니다"
        : "형식이 맞지 않습니다";
}
