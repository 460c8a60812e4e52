using System.Buffers;
using System.Globalization;

namespace LlmOps.Sdk.Prompts.Mustache;

/// <summary>A growable character buffer rented from the shared pool, so that rendering allocates only the final string.</summary>
internal ref struct OutputBuffer
{
    private static readonly SearchValues<char> HtmlSpecialChars = SearchValues.Create("&<>\"'");

    private char[] _chars;
    private int _length;

    public OutputBuffer(int capacity)
    {
        _chars = ArrayPool<char>.Shared.Rent(Math.Max(capacity, 256));
        _length = 0;
    }

    public readonly int Length => _length;

    public void Append(string text)
    {
        if (text.Length <= _chars.Length - _length)
        {
            text.CopyTo(_chars.AsSpan(_length));
            _length += text.Length;
        }
        else
        {
            GrowAndAppend(text);
        }
    }

    public void Append(scoped ReadOnlySpan<char> text)
    {
        if (text.Length <= _chars.Length - _length)
        {
            text.CopyTo(_chars.AsSpan(_length));
            _length += text.Length;
        }
        else
        {
            GrowAndAppend(text);
        }
    }

    public void Append(char c)
    {
        if (_length == _chars.Length)
        {
            Grow(1);
        }

        _chars[_length++] = c;
    }

    public void AppendText(scoped ReadOnlySpan<char> text, bool htmlEscape)
    {
        if (htmlEscape)
        {
            AppendHtmlEscaped(text);
        }
        else
        {
            Append(text);
        }
    }

    public void AppendFormatted<T>(T value, ReadOnlySpan<char> format)
        where T : ISpanFormattable
    {
        int written;
        while (!value.TryFormat(_chars.AsSpan(_length), out written, format, CultureInfo.InvariantCulture))
        {
            Grow(Math.Max(64, _chars.Length - _length + 1));
        }

        _length += written;
    }

    public readonly override string ToString() => new(_chars, 0, _length);

    public void Dispose()
    {
        var chars = _chars;
        _chars = [];
        _length = 0;
        if (chars.Length > 0)
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private void AppendHtmlEscaped(scoped ReadOnlySpan<char> text)
    {
        while (true)
        {
            var special = text.IndexOfAny(HtmlSpecialChars);
            if (special < 0)
            {
                Append(text);
                return;
            }

            Append(text[..special]);
            Append(text[special] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                _ => "&#39;",
            });
            text = text[(special + 1)..];
        }
    }

    private void GrowAndAppend(scoped ReadOnlySpan<char> text)
    {
        Grow(text.Length);
        text.CopyTo(_chars.AsSpan(_length));
        _length += text.Length;
    }

    private void Grow(int additional)
    {
        var next = ArrayPool<char>.Shared.Rent((int)Math.Min(Array.MaxLength, Math.Max((long)_length + additional, _chars.Length * 2L)));
        _chars.AsSpan(0, _length).CopyTo(next);
        var previous = _chars;
        _chars = next;
        if (previous.Length > 0)
        {
            ArrayPool<char>.Shared.Return(previous);
        }
    }
}
