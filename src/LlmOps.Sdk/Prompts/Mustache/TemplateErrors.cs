using System.Globalization;
using System.Text;

namespace LlmOps.Sdk.Prompts.Mustache;

/// <summary>Builds <see cref="PromptTemplateException"/>s whose message shows where the error is and how to fix it.</summary>
internal static class TemplateErrors
{
    private const int MaxExcerptWidth = 100;

    public static PromptTemplateException Create(
        PromptTemplateErrorKind kind, string? templateName, string source, int offset, string? tag, string problem, string fix)
    {
        var (line, column, lineStart, lineEnd) = Locate(source, offset);
        var message = new StringBuilder();
        message.Append(templateName is null ? "Prompt template" : $"Prompt template '{templateName}'")
            .Append(CultureInfo.InvariantCulture, $", line {line}, column {column}: {problem}").Append('\n');
        AppendExcerpt(message, source, line, lineStart, lineEnd, offset);
        message.Append(fix);
        return new PromptTemplateException(message.ToString(), kind, templateName, line, column, tag);
    }

    /// <summary>Gets the 1-based line and column of <paramref name="offset"/> and the bounds of its line.</summary>
    public static (int Line, int Column, int LineStart, int LineEnd) Locate(string source, int offset)
    {
        offset = Math.Clamp(offset, 0, source.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = source.IndexOf('\n'); i >= 0 && i < offset; i = source.IndexOf('\n', i + 1))
        {
            line++;
            lineStart = i + 1;
        }

        var lineEnd = source.IndexOf('\n', lineStart);
        if (lineEnd < 0)
        {
            lineEnd = source.Length;
        }

        if (lineEnd > lineStart && source[lineEnd - 1] == '\r')
        {
            lineEnd--;
        }

        return (line, offset - lineStart + 1, lineStart, lineEnd);
    }

    private static void AppendExcerpt(StringBuilder message, string source, int line, int lineStart, int lineEnd, int offset)
    {
        // Long lines are cut around the caret, so that the message stays readable in a log.
        var start = lineStart;
        var end = lineEnd;
        if (end - start > MaxExcerptWidth)
        {
            start = Math.Max(lineStart, offset - (MaxExcerptWidth / 2));
            end = Math.Min(lineEnd, start + MaxExcerptWidth);
        }

        var prefix = start > lineStart ? "..." : string.Empty;
        var suffix = end < lineEnd ? "..." : string.Empty;
        var gutter = line.ToString(CultureInfo.InvariantCulture);
        var excerpt = source.AsSpan(start, end - start).ToString().Replace('\t', ' ');
        message.Append("  ").Append(gutter).Append(" | ").Append(prefix).Append(excerpt).Append(suffix).Append('\n');
        message.Append("  ").Append(' ', gutter.Length).Append(" | ")
            .Append(' ', prefix.Length + Math.Max(0, Math.Min(offset, end) - start)).Append("^\n");
    }
}
