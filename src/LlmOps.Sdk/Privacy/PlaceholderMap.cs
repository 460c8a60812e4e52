namespace LlmOps.Sdk.Privacy;

/// <summary>Gives each distinct value a stable placeholder (<c>&lt;EMAIL_1&gt;</c>, <c>&lt;EMAIL_2&gt;</c>) and finds the value back.</summary>
/// <remarks>
/// One map per call in the privacy stage (cleared when the call ends), or one per file when a dataset is anonymised
/// consistently. Not thread-safe: a call or a file is processed by one thread at a time. Never log or record it.
/// </remarks>
internal sealed class PlaceholderMap
{
    private readonly Dictionary<(string Kind, string Value), string> _placeholders = [];
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>Gets how many placeholders were issued.</summary>
    public int Count => _values.Count;

    /// <summary>Gets the placeholder of <paramref name="value"/>, issuing the next one of its kind the first time.</summary>
    /// <param name="kind">The kind, such as <see cref="PiiKinds.Email"/>.</param>
    /// <param name="value">The personal value.</param>
    /// <returns>The placeholder, the same for the same value and kind.</returns>
    public string GetOrAdd(string kind, string value)
    {
        if (_placeholders.TryGetValue((kind, value), out var placeholder))
        {
            return placeholder;
        }

        var number = _counts.TryGetValue(kind, out var count) ? count + 1 : 1;
        _counts[kind] = number;
        placeholder = $"<{kind}_{number}>";
        _placeholders[(kind, value)] = placeholder;
        _values[placeholder] = value;
        return placeholder;
    }

    /// <summary>Finds the value a placeholder stands for.</summary>
    /// <param name="placeholder">A placeholder such as <c>&lt;EMAIL_1&gt;</c>.</param>
    /// <param name="value">The value, when this map issued the placeholder.</param>
    /// <returns>Whether this map issued it; a placeholder the model made up is not.</returns>
    public bool TryGetValue(string placeholder, out string value) => _values.TryGetValue(placeholder, out value!);

    /// <summary>Forgets every value, when the call ends.</summary>
    public void Clear()
    {
        _placeholders.Clear();
        _values.Clear();
        _counts.Clear();
    }
}
