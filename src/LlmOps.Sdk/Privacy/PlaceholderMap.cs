using System.Globalization;
using System.Text;

namespace LlmOps.Sdk.Privacy;

/// <summary>Gives each distinct value a stable placeholder (<c>&lt;EMAIL_1&gt;</c>, <c>&lt;EMAIL_2&gt;</c>) and finds the value back.</summary>
/// <remarks>
/// One map per call in the privacy stage (cleared when the call ends), or one per file when a dataset is anonymised
/// consistently. Not thread-safe: a call or a file is processed by one thread at a time. Never log or record it: it has
/// no <see cref="object.ToString"/> of its own, so that a careless log line shows only its type.
/// </remarks>
internal sealed class PlaceholderMap
{
    private readonly Dictionary<(string Kind, string Value), string> _placeholders = [];
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>Initializes an empty map.</summary>
    public PlaceholderMap() => _lookup = _values.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Gets how many placeholders were issued.</summary>
    public int Count => _values.Count;

    /// <summary>Gets the length of the longest placeholder issued: the most a stream ever holds back.</summary>
    public int MaxLength { get; private set; }

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
        placeholder = string.Create(CultureInfo.InvariantCulture, $"<{kind}_{number}>");
        _placeholders[(kind, value)] = placeholder;
        _values[placeholder] = value;
        MaxLength = Math.Max(MaxLength, placeholder.Length);
        return placeholder;
    }

    /// <summary>Finds the value a placeholder stands for.</summary>
    /// <param name="placeholder">A placeholder such as <c>&lt;EMAIL_1&gt;</c>.</param>
    /// <param name="value">The value, when this map issued the placeholder.</param>
    /// <returns>Whether this map issued it; a placeholder the model made up is not.</returns>
    public bool TryGetValue(string placeholder, out string value) => _values.TryGetValue(placeholder, out value!);

    /// <summary>Gets whether <paramref name="text"/> is the beginning, but not the whole, of a placeholder this map issued.</summary>
    /// <param name="text">The end of a streamed chunk, from an unmatched <c>&lt;</c>.</param>
    /// <returns>Whether the next chunk may complete it.</returns>
    public bool IsIssuedPrefix(ReadOnlySpan<char> text)
    {
        if (text.Length >= MaxLength)
        {
            return false;
        }

        foreach (var placeholder in _values.Keys)
        {
            if (placeholder.Length > text.Length && placeholder.AsSpan().StartsWith(text, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Replaces every placeholder this map issued with its value; others, such as one the model made up, stay.</summary>
    /// <param name="text">A response text.</param>
    /// <returns>The restored text, or <paramref name="text"/> itself when it holds no issued placeholder.</returns>
    public string Restore(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_values.Count == 0)
        {
            return text;
        }

        StringBuilder? builder = null;
        var copied = 0;
        var position = 0;
        while (position < text.Length)
        {
            var open = text.AsSpan(position).IndexOf('<');
            if (open < 0)
            {
                break;
            }

            open += position;

            // Placeholders hold no '<', so the one starting here, if any, ends at the next '>'.
            var window = text.AsSpan(open, Math.Min(MaxLength, text.Length - open));
            var close = window.IndexOf('>');
            if (close > 0 && _lookup.TryGetValue(window[..(close + 1)], out var value))
            {
                builder ??= new StringBuilder(text.Length + 32);
                builder.Append(text, copied, open - copied).Append(value);
                copied = open + close + 1;
                position = copied;
            }
            else
            {
                position = open + 1;
            }
        }

        return builder is null ? text : builder.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>Forgets every value, when the call ends.</summary>
    public void Clear()
    {
        _placeholders.Clear();
        _values.Clear();
        _counts.Clear();
        MaxLength = 0;
    }
}
