using System.Collections.Concurrent;

namespace LlmOps.Sdk.Telemetry;

/// <summary>Computes what a call cost from its model and token usage.</summary>
/// <remarks>
/// Immutable and thread-safe. Built once from <see cref="TelemetryOptions"/>: the user's prices over the built-in,
/// dated ones. The evaluation stage asks it for a call's cost, too. A model without a price has no cost: never a guess.
/// </remarks>
internal sealed class ModelPriceTable
{
    private const double TokensPerPriceUnit = 1_000_000;

    private const int MaxRememberedModels = 256;

    private readonly Dictionary<string, Price> _prices;
    private readonly ConcurrentDictionary<string, Lookup> _lookups = new(StringComparer.Ordinal);
    private Lookup? _last;
    private int _rememberedModels;

    /// <summary>Initializes a new instance of the <see cref="ModelPriceTable"/> class.</summary>
    /// <param name="options">The configured prices, and whether the defaults apply.</param>
    public ModelPriceTable(TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _prices = new Dictionary<string, Price>(StringComparer.OrdinalIgnoreCase);
        if (options.UseDefaultPrices)
        {
            foreach (var (model, input, output, cachedInput) in TelemetryConstants.DefaultPrices)
            {
                _prices[model] = new Price(input, output, cachedInput);
            }
        }

        foreach (var (model, price) in options.Prices)
        {
            _prices[model] = new Price(
                price.InputPerMillionTokens, price.OutputPerMillionTokens, price.CachedInputPerMillionTokens ?? price.InputPerMillionTokens);
        }
    }

    /// <summary>Gets whether the table holds no price at all, so that cost need not be computed.</summary>
    public bool IsEmpty => _prices.Count == 0;

    /// <summary>Computes the cost of a call in USD.</summary>
    /// <remarks>
    /// Input tokens include the cached ones, as OpenAI and Azure OpenAI report them: the cached part is charged at the
    /// cached price and the rest at the input price. Output tokens include reasoning tokens.
    /// </remarks>
    /// <param name="model">The model that answered (or was requested).</param>
    /// <param name="usage">The call's token usage.</param>
    /// <param name="costUsd">The cost, when this returns <see langword="true"/>.</param>
    /// <returns><see langword="true"/> when the model has a price and the usage reports input or output tokens.</returns>
    public bool TryGetCostUsd(string? model, UsageDetails? usage, out double costUsd)
    {
        costUsd = 0;
        if (usage is null || (usage.InputTokenCount is null && usage.OutputTokenCount is null) || !TryFind(model, out var price))
        {
            return false;
        }

        var input = Math.Max(0, usage.InputTokenCount ?? 0);
        var cached = Math.Clamp(usage.CachedInputTokenCount ?? 0, 0, input);
        var output = Math.Max(0, usage.OutputTokenCount ?? 0);
        costUsd = (((input - cached) * price.Input) + (cached * price.CachedInput) + (output * price.Output)) / TokensPerPriceUnit;
        return true;
    }

    private bool TryFind(string? model, out Price price)
    {
        price = default;
        if (string.IsNullOrEmpty(model))
        {
            return false;
        }

        // Calls repeat a handful of model ids, often dated ones (gpt-4o-mini-2024-07-18): remembering each id's answer
        // saves the case-insensitive lookup and the date parsing, which cost more than recording all of a call's
        // metrics. The last answer is checked first, without hashing; the memo is bounded, as ids come from callers.
        var lookup = _last;
        if (lookup is null || !string.Equals(lookup.Model, model, StringComparison.Ordinal))
        {
            if (!_lookups.TryGetValue(model, out lookup))
            {
                var found = TryFindCore(model, out var foundPrice);
                lookup = new Lookup(model, found, foundPrice);
                if (Volatile.Read(ref _rememberedModels) < MaxRememberedModels && _lookups.TryAdd(model, lookup))
                {
                    Interlocked.Increment(ref _rememberedModels); // ConcurrentDictionary.Count takes every lock
                }
            }

            _last = lookup; // a race only makes the next call look again
        }

        price = lookup.Price;
        return lookup.Found;
    }

    private bool TryFindCore(string model, out Price price)
    {
        if (_prices.TryGetValue(model, out price))
        {
            return true;
        }

        // A dated snapshot costs what its model costs: gpt-4o-2024-08-06 and claude-sonnet-4-5-20250929 are priced as
        // gpt-4o and claude-sonnet-4-5. Any other suffix (gpt-4o-audio-preview) is a different model, so no price.
        var baseLength = DatedSnapshotBaseLength(model);
        return baseLength > 0 && _prices.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(model.AsSpan(0, baseLength), out price);
    }

    /// <summary>Returns the length of the model name before a date suffix (<c>-2024-08-06</c> or <c>-20250929</c>), or 0.</summary>
    private static int DatedSnapshotBaseLength(string model)
    {
        ReadOnlySpan<char> name = model;
        if (name.Length > 11 && name[^11] == '-' && IsDigits(name[^10..^6]) && name[^6] == '-' && IsDigits(name[^5..^3])
            && name[^3] == '-' && IsDigits(name[^2..]))
        {
            return name.Length - 11;
        }

        if (name.Length > 9 && name[^9] == '-' && IsDigits(name[^8..]))
        {
            return name.Length - 9;
        }

        return 0;
    }

    private static bool IsDigits(ReadOnlySpan<char> span) => !span.ContainsAnyExceptInRange('0', '9');

    private readonly record struct Price(double Input, double Output, double CachedInput);

    private sealed record Lookup(string Model, bool Found, Price Price);
}
