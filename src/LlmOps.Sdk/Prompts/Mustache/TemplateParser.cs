using System.Text;

namespace LlmOps.Sdk.Prompts.Mustache;

/// <summary>Parses Mustache text into a flat array of <see cref="TemplateNode"/>s.</summary>
/// <remarks>
/// Three passes: tokens (applying set-delimiter tags as they come), standalone lines (a line holding only one section,
/// comment, partial or delimiter tag and whitespace is removed, see
/// https://github.com/mustache/spec/blob/master/specs/sections.yml), then nodes with merged text.
/// </remarks>
internal sealed class TemplateParser
{
    private const string DefaultOpen = "{{";
    private const string DefaultClose = "}}";

    private readonly string _source;
    private readonly string? _name;
    private readonly List<Token> _tokens = [];

    private TemplateParser(string source, string? name)
    {
        _source = source;
        _name = name;
    }

    private enum TokenKind : byte
    {
        Text,
        Variable,
        Unescaped,
        Section,
        InvertedSection,
        Close,
        Comment,
        Partial,
        Delimiter,
    }

    public static TemplateParseResult Parse(string source, string? name)
    {
        var parser = new TemplateParser(source, name);
        parser.Tokenize();
        parser.MarkStandaloneLines();
        return parser.BuildNodes();
    }

    private void Tokenize()
    {
        var open = DefaultOpen;
        var close = DefaultClose;
        var tripleClose = "}" + DefaultClose;
        var position = 0;
        while (position < _source.Length)
        {
            var tagStart = _source.IndexOf(open, position, StringComparison.Ordinal);
            if (tagStart < 0)
            {
                AddText(position, _source.Length);
                break;
            }

            AddText(position, tagStart);
            var contentStart = tagStart + open.Length;
            var sigil = contentStart < _source.Length ? _source[contentStart] : '\0';
            var closing = close;
            TokenKind kind;
            switch (sigil)
            {
                case '{':
                    kind = TokenKind.Unescaped;
                    closing = tripleClose;
                    break;
                case '&':
                    kind = TokenKind.Unescaped;
                    break;
                case '#':
                    kind = TokenKind.Section;
                    break;
                case '^':
                    kind = TokenKind.InvertedSection;
                    break;
                case '/':
                    kind = TokenKind.Close;
                    break;
                case '!':
                    kind = TokenKind.Comment;
                    break;
                case '>':
                    kind = TokenKind.Partial;
                    break;
                case '=':
                    kind = TokenKind.Delimiter;
                    closing = "=" + close;
                    break;
                default:
                    kind = TokenKind.Variable;
                    contentStart--; // no sigil to skip
                    break;
            }

            contentStart++;
            var contentEnd = _source.IndexOf(closing, contentStart, StringComparison.Ordinal);
            if (contentEnd < 0)
            {
                throw UnclosedTag(tagStart, open, closing);
            }

            var tagEnd = contentEnd + closing.Length;
            var token = new Token { Kind = kind, Start = tagStart, End = tagEnd };
            if (kind == TokenKind.Delimiter)
            {
                (open, close) = ParseDelimiters(token, _source.AsSpan(contentStart, contentEnd - contentStart));
                tripleClose = "}" + close;
            }
            else if (kind != TokenKind.Comment)
            {
                token.Name = ParseName(token, kind, _source.AsSpan(contentStart, contentEnd - contentStart));
            }

            _tokens.Add(token);
            position = tagEnd;
        }
    }

    private void AddText(int start, int end)
    {
        // One token per line, so that standalone lines can be found token by token.
        while (start < end)
        {
            var newline = _source.IndexOf('\n', start, end - start);
            var lineEnd = newline < 0 ? end : newline + 1;
            _tokens.Add(new Token { Kind = TokenKind.Text, Start = start, End = lineEnd });
            start = lineEnd;
        }
    }

    private string ParseName(Token token, TokenKind kind, ReadOnlySpan<char> content)
    {
        var name = content.Trim();
        if (name.IsEmpty)
        {
            throw InvalidTag(token, "the tag has no name",
                "Write a name between the delimiters, such as {{customer}}, or remove the tag.");
        }

        foreach (var c in name)
        {
            if (char.IsWhiteSpace(c))
            {
                throw InvalidTag(token, $"the name '{name}' holds whitespace",
                    "Names cannot hold spaces. To write a literal '{{' in the prompt, change the delimiters first, such as {{=<% %>=}}.");
            }
        }

        if (kind != TokenKind.Partial && name is not "." &&
            (name[0] == '.' || name[^1] == '.' || name.IndexOf("..", StringComparison.Ordinal) >= 0))
        {
            throw InvalidTag(token, $"the name '{name}' has an empty dotted segment",
                "Write a dotted name as segments joined by single dots, such as {{customer.name}}, or {{.}} for the current item.");
        }

        return name.ToString();
    }

    private (string Open, string Close) ParseDelimiters(Token token, ReadOnlySpan<char> content)
    {
        content = content.Trim();
        var split = content.IndexOfAny(' ', '\t');
        if (split > 0)
        {
            var open = content[..split];
            var close = content[split..].TrimStart();
            if (!close.IsEmpty && !ContainsSpaceOrEquals(open) && !ContainsSpaceOrEquals(close))
            {
                return (open.ToString(), close.ToString());
            }
        }

        throw TemplateErrors.Create(PromptTemplateErrorKind.InvalidDelimiter, _name, _source, token.Start, TagText(token),
            $"the set-delimiter tag {TagText(token)} does not declare two delimiters",
            "Write the new opening and closing delimiters separated by a space, neither holding spaces or '=', such as {{=<% %>=}}.");
    }

    private static bool ContainsSpaceOrEquals(ReadOnlySpan<char> delimiter)
    {
        foreach (var c in delimiter)
        {
            if (c == '=' || char.IsWhiteSpace(c))
            {
                return true;
            }
        }

        return false;
    }

    private void MarkStandaloneLines()
    {
        var tokens = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_tokens);
        var lineStart = 0;
        while (lineStart < tokens.Length)
        {
            var blank = true;
            var tagCount = 0;
            var tagIndex = -1;
            var lineEnd = lineStart;
            for (; lineEnd < tokens.Length; lineEnd++)
            {
                ref var token = ref tokens[lineEnd];
                if (token.Kind == TokenKind.Text)
                {
                    var endsLine = _source[token.End - 1] == '\n';
                    blank &= IsBlank(token.Start, endsLine ? token.End - 1 : token.End, endsLine);
                    if (endsLine)
                    {
                        lineEnd++;
                        break;
                    }
                }
                else
                {
                    tagCount++;
                    tagIndex = lineEnd;
                    blank &= token.Kind is not (TokenKind.Variable or TokenKind.Unescaped);
                }
            }

            if (blank && tagCount == 1)
            {
                ref var tag = ref tokens[tagIndex];
                tag.Standalone = true;
                tag.Indent = _source[tokens[lineStart].Start..tag.Start];
                for (var i = lineStart; i < lineEnd; i++)
                {
                    tokens[i].Removed = tokens[i].Kind == TokenKind.Text;
                }
            }

            lineStart = lineEnd;
        }
    }

    private bool IsBlank(int start, int end, bool endsLine)
    {
        if (endsLine && end > start && _source[end - 1] == '\r')
        {
            end--;
        }

        for (var i = start; i < end; i++)
        {
            if (_source[i] is not (' ' or '\t'))
            {
                return false;
            }
        }

        return true;
    }

    private TemplateParseResult BuildNodes()
    {
        var nodes = new List<TemplateNode>(_tokens.Count);
        var sections = new Stack<(int NodeIndex, Token Token)>();
        var variables = new List<PromptTemplateVariable>();
        var seenVariables = new Dictionary<(string, bool), int>();
        var partials = new List<string>();
        var text = new StringBuilder();
        var textAtLineStart = false;
        var atLineStart = true;

        foreach (var token in _tokens)
        {
            if (token.Kind == TokenKind.Text)
            {
                if (token.Removed)
                {
                    atLineStart = true;
                    continue;
                }

                if (text.Length == 0)
                {
                    textAtLineStart = atLineStart;
                }

                text.Append(_source, token.Start, token.End - token.Start);
                atLineStart = _source[token.End - 1] == '\n';
                continue;
            }

            if (token.Kind is TokenKind.Comment or TokenKind.Delimiter)
            {
                continue; // they render nothing; a pending line start carries over to the next node
            }

            FlushText(nodes, text, textAtLineStart);
            var nodeAtLineStart = atLineStart && !token.Standalone;
            switch (token.Kind)
            {
                case TokenKind.Variable or TokenKind.Unescaped:
                    AddVariable(variables, seenVariables, token.Name!, sections.Count > 0, isSection: false);
                    nodes.Add(new TemplateNode
                    {
                        Kind = NodeKind.Variable,
                        Variable = new VariableReference(token.Name!),
                        Escape = token.Kind == TokenKind.Variable,
                        AtLineStart = atLineStart,
                        Offset = token.Start,
                        TagLength = token.End - token.Start,
                    });
                    atLineStart = false;
                    break;

                case TokenKind.Section or TokenKind.InvertedSection:
                    AddVariable(variables, seenVariables, token.Name!, sections.Count > 0, isSection: true);
                    sections.Push((nodes.Count, token));
                    nodes.Add(new TemplateNode
                    {
                        Kind = token.Kind == TokenKind.Section ? NodeKind.Section : NodeKind.InvertedSection,
                        Variable = new VariableReference(token.Name!),
                        AtLineStart = nodeAtLineStart,
                        Offset = token.Start,
                        TagLength = token.End - token.Start,
                    });
                    atLineStart = token.Standalone;
                    break;

                case TokenKind.Close:
                    if (!sections.TryPop(out var open))
                    {
                        throw TemplateErrors.Create(PromptTemplateErrorKind.UnexpectedClosingTag, _name, _source, token.Start,
                            TagText(token), $"the closing tag {TagText(token)} has no open section '{token.Name}'",
                            $"Open the section before it with {{{{#{token.Name}}}}}, or remove the closing tag.");
                    }

                    if (open.Token.Name != token.Name)
                    {
                        var (line, column, _, _) = TemplateErrors.Locate(_source, open.Token.Start);
                        throw TemplateErrors.Create(PromptTemplateErrorKind.MismatchedSection, _name, _source, token.Start,
                            TagText(token),
                            $"the closing tag {TagText(token)} does not match the open section {TagText(open.Token)} (line {line}, column {column})",
                            $"Close '{open.Token.Name}' with {{{{/{open.Token.Name}}}}} before closing '{token.Name}'; sections close in the reverse order they open.");
                    }

                    nodes[open.NodeIndex] = nodes[open.NodeIndex] with { End = nodes.Count, CloseAtLineStart = nodeAtLineStart };
                    atLineStart = token.Standalone;
                    break;

                case TokenKind.Partial:
                    if (!partials.Contains(token.Name!))
                    {
                        partials.Add(token.Name!);
                    }

                    nodes.Add(new TemplateNode
                    {
                        Kind = NodeKind.Partial,
                        Text = token.Name,
                        AtLineStart = nodeAtLineStart,
                        Indent = token.Standalone ? token.Indent : null,
                        Offset = token.Start,
                        TagLength = token.End - token.Start,
                    });
                    atLineStart = token.Standalone;
                    break;
            }
        }

        FlushText(nodes, text, textAtLineStart);
        if (sections.TryPop(out var unclosed))
        {
            var name = unclosed.Token.Name;
            throw TemplateErrors.Create(PromptTemplateErrorKind.UnclosedSection, _name, _source, unclosed.Token.Start,
                TagText(unclosed.Token), $"the section {TagText(unclosed.Token)} is never closed",
                $"Add {{{{/{name}}}}} where the section '{name}' ends.");
        }

        return new TemplateParseResult([.. nodes], [.. variables], [.. partials]);
    }

    private static void FlushText(List<TemplateNode> nodes, StringBuilder text, bool atLineStart)
    {
        if (text.Length == 0)
        {
            return;
        }

        var value = text.ToString();
        nodes.Add(new TemplateNode
        {
            Kind = NodeKind.Text,
            Text = value,
            AtLineStart = atLineStart,
            HasNewline = value.Contains('\n', StringComparison.Ordinal),
        });
        text.Clear();
    }

    private static void AddVariable(
        List<PromptTemplateVariable> variables, Dictionary<(string, bool), int> seen, string path, bool insideSection, bool isSection)
    {
        if (path == ".")
        {
            return; // the current item, not a name a caller supplies
        }

        if (seen.TryGetValue((path, insideSection), out var index))
        {
            if (isSection && !variables[index].IsSection)
            {
                variables[index] = variables[index] with { IsSection = true };
            }

            return;
        }

        seen.Add((path, insideSection), variables.Count);
        variables.Add(new PromptTemplateVariable(path, insideSection, isSection));
    }

    private string TagText(Token token) => _source[token.Start..token.End];

    private PromptTemplateException InvalidTag(Token token, string problem, string fix) =>
        TemplateErrors.Create(PromptTemplateErrorKind.InvalidTag, _name, _source, token.Start, TagText(token),
            $"in the tag {TagText(token)}, {problem}", fix);

    private PromptTemplateException UnclosedTag(int tagStart, string open, string closing)
    {
        var lineEnd = _source.IndexOf('\n', tagStart);
        var tag = _source[tagStart..(lineEnd < 0 ? _source.Length : lineEnd)].TrimEnd('\r');
        return TemplateErrors.Create(PromptTemplateErrorKind.UnclosedTag, _name, _source, tagStart, tag,
            $"the tag opened by '{open}' is never closed by '{closing}'",
            $"Close the tag with '{closing}'. To write a literal '{open}' in the prompt, change the delimiters first, such as {{{{=<% %>=}}}}.");
    }

    private struct Token
    {
        public TokenKind Kind;
        public int Start;
        public int End;
        public string? Name;
        public bool Standalone;
        public bool Removed;
        public string? Indent;
    }
}
