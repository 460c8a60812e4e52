using System.Text.RegularExpressions;

namespace LlmOps.Sdk.Prompts;

/// <summary>Finds the first Jinja2 construct in a template that Mustache would read differently, or not at all.</summary>
/// <remarks>
/// Statements (<c>{% … %}</c>), comments (<c>{# … #}</c>) and expressions such as filters (<c>{{ name | upper }}</c>),
/// calls, operators and literals are Jinja; <c>{{ name }}</c> and <c>{{ a.b }}</c> read the same in both.
/// </remarks>
internal static partial class JinjaSyntax
{
    /// <summary>Finds the first Jinja construct; in a Mustache template (<paramref name="jinjaFormat"/> false), the first filter only.</summary>
    public static JinjaConstruct? Find(string template, bool jinjaFormat)
    {
        for (var i = template.IndexOf('{', StringComparison.Ordinal); i >= 0 && i + 1 < template.Length; i = template.IndexOf('{', i + 1))
        {
            var next = template[i + 1];
            if (jinjaFormat && next == '%')
            {
                var statement = Snippet(template, i, "%}");
                return new JinjaConstruct(i, statement, "a Jinja2 statement", Statement(statement));
            }

            if (jinjaFormat && next == '#' && (i == 0 || template[i - 1] != '{'))
            {
                return new JinjaConstruct(i, Snippet(template, i, "#}"), "a Jinja2 comment", "a Mustache comment is {{! text }}");
            }

            if (next != '{' || (i + 2 < template.Length && template[i + 2] == '{'))
            {
                continue; // not a tag, or a triple mustache {{{name}}}
            }

            var close = template.IndexOf("}}", i + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                return null; // an unclosed tag is Mustache's error to report
            }

            var inner = template[(i + 2)..close];
            var trimmed = inner.Trim();
            if (trimmed.Length == 0 || "#^/!>&={".Contains(trimmed[0], StringComparison.Ordinal) || PlainName().IsMatch(trimmed))
            {
                i = close;
                continue;
            }

            var text = template[i..(close + 2)];
            var filter = trimmed.Contains('|', StringComparison.Ordinal);
            if (!jinjaFormat && !filter)
            {
                i = close;
                continue; // Mustache reports its own syntax errors; only a filter deserves the pointer to Jinja
            }

            return filter
                ? new JinjaConstruct(i, text, "a Jinja2 filter", $"apply it to the value in code, and write {{{{{trimmed.Split('|')[0].Trim().TrimStart('-').Trim()}}}}}")
                : new JinjaConstruct(i, text, "a Jinja2 expression", "compute the value in code and pass it as a variable");
        }

        return null;
    }

    private static string Snippet(string template, int start, string end)
    {
        var close = template.IndexOf(end, start + 2, StringComparison.Ordinal);
        var stop = close < 0 ? Math.Min(template.Length, start + 40) : close + end.Length;
        var text = template[start..stop];
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? text : text[..newline];
    }

    private static string Statement(string text)
    {
        var keyword = StatementKeyword().Match(text).Groups[1].Value;
        var loop = ForLoop().Match(text);
        var condition = IfCondition().Match(text);
        return keyword switch
        {
            "for" when loop.Success =>
                $"a loop is a Mustache section, {{{{#{loop.Groups[2].Value}}}}}…{{{{/{loop.Groups[2].Value}}}}}, inside which '{loop.Groups[1].Value}.x' is written {{{{x}}}}",
            "for" => "a loop over a list is a Mustache section: {{#items}}…{{/items}}",
            "if" when condition.Success =>
                $"a condition is a Mustache section, {{{{#{condition.Groups[1].Value}}}}}…{{{{/{condition.Groups[1].Value}}}}}, and {{{{^{condition.Groups[1].Value}}}}}…{{{{/{condition.Groups[1].Value}}}}} for its opposite",
            "if" or "elif" or "else" => "a condition is a Mustache section: {{#flag}}…{{/flag}}, and {{^flag}}…{{/flag}} for its opposite",
            "endfor" or "endif" => "Mustache closes a section with {{/name}}",
            _ => "Mustache has sections ({{#name}}…{{/name}}) and partials ({{> other-prompt}}), and no other statements",
        };
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$|^\.$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainName();

    [GeneratedRegex(@"^\{%-?\s*for\s+(\w+)\s+in\s+([\w.]+)\s*-?%\}", RegexOptions.CultureInvariant)]
    private static partial Regex ForLoop();

    [GeneratedRegex(@"^\{%-?\s*if\s+([\w.]+)\s*-?%\}", RegexOptions.CultureInvariant)]
    private static partial Regex IfCondition();

    [GeneratedRegex(@"^\{%-?\s*(\w+)", RegexOptions.CultureInvariant)]
    private static partial Regex StatementKeyword();
}
