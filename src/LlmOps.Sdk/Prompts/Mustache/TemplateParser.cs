using System.Buffers;
using System.Text;

namespace LlmOps.Sdk.Prompts.Mustache;

/// <summary>Parses Mustache text into a flat array of <see cref="TemplateNode"/>s.</summary>
/// <remarks>
/// Three passes: tokens (applying set-delimiter tags as they come), standalone lines (a line holding only one section,
/// comment, partial or delimiter tag and whitespace is removed, see
/// https://github.com/mustache/spec/blob/master/specs/sections.yml), then nodes with merged text. Working arrays are
/// rented, and text nodes point into the template string, so a parse allocates little more than its result.
/// </remarks>
internal struct TemplateParser
{
    private const string DefaultOpen = "{{";
    private const string DefaultClose = "}}";
    private const int InitialTokens = 64;

    private readonly string _source;
    private readonly string? _name;
    private Token[] _tokens;
    private int _tokenCount;

    private TemplateParser(string source, string? name)
    {
        _source = source;
        _name = name;
        _tokens = ArrayPool<Token>.Shared.Rent(InitialTokens);
        _tokenCount = 0;
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
        try
        {
            parser.Tokenize();
            parser.MarkStandaloneLines();
            return parser.BuildNodes();
        }
        finally
        {
            parser._tokens.AsSpan(0, parser._tokenCount).Clear();
            ArrayPool<Token>.Shared.Return(parser._tokens);
        }
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
            var token = new Token { Kind = kind, Start = tagStart, End = tagEnd, NameStart = contentStart, NameEnd = contentEnd };
            if (kind == TokenKind.Delimiter)
            {
                (open, close) = ParseDelimiters(token, _source.AsSpan(contentStart, contentEnd - contentStart));
                tripleClose = "}" + close;
            }
            else if (kind != TokenKind.Comment)
            {
                ValidateName(ref token, kind);
            }

            Add(token);
            position = tagEnd;
        }
    }

    private void Add(Token token)
    {
        if (_tokenCount == _tokens.Length)
        {
            var larger = ArrayPool<Token>.Shared.Rent(_tokens.Length * 2);
            _tokens.AsSpan(0, _tokenCount).CopyTo(larger);
            _tokens.AsSpan(0, _tokenCount).Clear();
            ArrayPool<Token>.Shared.Return(_tokens);
            _tokens = larger;
        }

        _tokens[_tokenCount++] = token;
    }

    private void AddText(int start, int end)
    {
        // One token per line, so that standalone lines can be found token by token.
        while (start < end)
        {
            var newline = _source.IndexOf('\n', start, end - start);
            var lineEnd = newline < 0 ? end : newline + 1;
            Add(new Token { Kind = TokenKind.Text, Start = start, End = lineEnd });
            start = lineEnd;
        }
    }

    private readonly void ValidateName(ref Token token, TokenKind kind)
    {
        var content = _source.AsSpan(token.NameStart, token.NameEnd - token.NameStart);
        var trimmedStart = content.Length - content.TrimStart().Length;
        var name = content.Trim();
        token.NameStart += trimmedStart;
        token.NameEnd = token.NameStart + name.Length;
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
    }

    private readonly (string Open, string Close) ParseDelimiters(Token token, ReadOnlySpan<char> content)
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

    private readonly void MarkStandaloneLines()
    {
        var tokens = _tokens.AsSpan(0, _tokenCount);
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
                tag.IndentStart = tokens[lineStart].Start;
                for (var i = lineStart; i < lineEnd; i++)
                {
                    tokens[i].Removed = tokens[i].Kind == TokenKind.Text;
                }
            }

            lineStart = lineEnd;
        }
    }

    private readonly bool IsBlank(int start, int end, bool endsLine)
    {
        if (endsLine && end > start && _source[end - 1] == '\r')
        {
            end--;
        }

        return _source.AsSpan(start, end - start).IndexOfAnyExcept(' ', '\t') < 0;
    }

    private readonly TemplateParseResult BuildNodes()
    {
        var builder = new NodeBuilder(_source, _tokenCount);
        try
        {
            return BuildNodes(ref builder);
        }
        finally
        {
            builder.Dispose();
        }
    }

    private readonly TemplateParseResult BuildNodes(ref NodeBuilder builder)
    {
        var sections = new SectionStack();
        var atLineStart = true;

        foreach (ref readonly var token in _tokens.AsSpan(0, _tokenCount))
        {
            if (token.Kind == TokenKind.Text)
            {
                if (token.Removed)
                {
                    atLineStart = true;
                    continue;
                }

                builder.AppendText(token.Start, token.End, atLineStart);
                atLineStart = _source[token.End - 1] == '\n';
                continue;
            }

            if (token.Kind is TokenKind.Comment or TokenKind.Delimiter)
            {
                continue; // they render nothing; a pending line start carries over to the next node
            }

            builder.FlushText();
            var nodeAtLineStart = atLineStart && !token.Standalone;
            var name = _source.AsSpan(token.NameStart, token.NameEnd - token.NameStart);
            switch (token.Kind)
            {
                case TokenKind.Variable or TokenKind.Unescaped:
                    builder.Add(new TemplateNode
                    {
                        Kind = NodeKind.Variable,
                        Variable = builder.Reference(name, sections.Count > 0, isSection: false),
                        Escape = token.Kind == TokenKind.Variable,
                        AtLineStart = atLineStart,
                        Offset = token.Start,
                        TagLength = token.End - token.Start,
                    });
                    atLineStart = false;
                    break;

                case TokenKind.Section or TokenKind.InvertedSection:
                    if (sections.Count == PromptTemplate.MaxSectionDepth)
                    {
                        throw TemplateErrors.Create(PromptTemplateErrorKind.SectionDepthExceeded, _name, _source, token.Start,
                            TagText(token), $"the section {TagText(token)} nests deeper than {PromptTemplate.MaxSectionDepth} sections",
                            "Close the sections that are still open before this one, or flatten the data so that fewer sections nest.");
                    }

                    sections.Push(builder.Count, token);
                    builder.Add(new TemplateNode
                    {
                        Kind = token.Kind == TokenKind.Section ? NodeKind.Section : NodeKind.InvertedSection,
                        Variable = builder.Reference(name, sections.Count > 1, isSection: true),
                        AtLineStart = nodeAtLineStart,
                        Offset = token.Start,
                        TagLength = token.End - token.Start,
                    });
                    atLineStart = token.Standalone;
                    break;

                case TokenKind.Close:
                    if (!sections.TryPop(out var openIndex, out var open))
                    {
                        throw TemplateErrors.Create(PromptTemplateErrorKind.UnexpectedClosingTag, _name, _source, token.Start,
                            TagText(token), $"the closing tag {TagText(token)} has no open section '{name}'",
                            $"Open the section before it with {{{{#{name}}}}}, or remove the closing tag.");
                    }

                    var openName = _source.AsSpan(open.NameStart, open.NameEnd - open.NameStart);
                    if (!openName.SequenceEqual(name))
                    {
                        var (line, column, _, _) = TemplateErrors.Locate(_source, open.Start);
                        throw TemplateErrors.Create(PromptTemplateErrorKind.MismatchedSection, _name, _source, token.Start,
                            TagText(token),
                            $"the closing tag {TagText(token)} does not match the open section {TagText(open)} (line {line}, column {column})",
                            $"Close '{openName}' with {{{{/{openName}}}}} before closing '{name}'; sections close in the reverse order they open.");
                    }

                    builder.CloseSection(openIndex, nodeAtLineStart);
                    atLineStart = token.Standalone;
                    break;

                case TokenKind.Partial:
                    builder.Add(new TemplateNode
                    {
                        Kind = NodeKind.Partial,
                        Text = builder.Partial(name),
                        AtLineStart = nodeAtLineStart,
                        Indent = token.Standalone ? _source[token.IndentStart..token.Start] : null,
                        Offset = token.Start,
                        TagLength = token.End - token.Start,
                    });
                    atLineStart = token.Standalone;
                    break;
            }
        }

        builder.FlushText();
        if (sections.TryPop(out _, out var unclosed))
        {
            var name = _source[unclosed.NameStart..unclosed.NameEnd];
            throw TemplateErrors.Create(PromptTemplateErrorKind.UnclosedSection, _name, _source, unclosed.Start,
                TagText(unclosed), $"the section {TagText(unclosed)} is never closed",
                $"Add {{{{/{name}}}}} where the section '{name}' ends.");
        }

        return builder.ToResult();
    }

    private readonly string TagText(Token token) => _source[token.Start..token.End];

    private readonly PromptTemplateException InvalidTag(Token token, string problem, string fix) =>
        TemplateErrors.Create(PromptTemplateErrorKind.InvalidTag, _name, _source, token.Start, TagText(token),
            $"in the tag {TagText(token)}, {problem}", fix);

    private readonly PromptTemplateException UnclosedTag(int tagStart, string open, string closing)
    {
        var lineEnd = _source.IndexOf('\n', tagStart);
        var tag = _source[tagStart..(lineEnd < 0 ? _source.Length : lineEnd)].TrimEnd('\r');
        return TemplateErrors.Create(PromptTemplateErrorKind.UnclosedTag, _name, _source, tagStart, tag,
            $"the tag opened by '{open}' is never closed by '{closing}'",
            $"Close the tag with '{closing}'. To write a literal '{open}' in the prompt, change the delimiters first, such as {{{{=<% %>=}}}}.");
    }

    private struct Token
    {
        public int Start;
        public int End;
        public int NameStart;
        public int NameEnd;
        public int IndentStart;
        public TokenKind Kind;
        public bool Standalone;
        public bool Removed;
    }

    /// <summary>The open sections, innermost last; a small inline stack, since sections rarely nest deeply.</summary>
    private struct SectionStack
    {
        private (int NodeIndex, Token Token)[]? _items;

        public int Count { get; private set; }

        public void Push(int nodeIndex, Token token)
        {
            _items ??= new (int, Token)[4];
            if (Count == _items.Length)
            {
                Array.Resize(ref _items, _items.Length * 2);
            }

            _items[Count++] = (nodeIndex, token);
        }

        public bool TryPop(out int nodeIndex, out Token token)
        {
            if (Count == 0)
            {
                nodeIndex = -1;
                token = default;
                return false;
            }

            (nodeIndex, token) = _items![--Count]; // Count > 0, so Push created the array
            return true;
        }
    }

    /// <summary>Collects nodes (in a rented array), merges adjacent text, and shares references to the same name.</summary>
    private struct NodeBuilder : IDisposable
    {
        private readonly string _source;
        private TemplateNode[] _nodes;
        private List<VariableReference>? _references;
        private List<PromptTemplateVariable>? _variables;
        private List<string>? _partials;
        private StringBuilder? _joined;
        private int _textStart;
        private int _textEnd;
        private bool _textAtLineStart;

        public NodeBuilder(string source, int capacity)
        {
            _source = source;
            _nodes = ArrayPool<TemplateNode>.Shared.Rent(Math.Max(capacity, 8));
            _textStart = -1;
        }

        public int Count { get; private set; }

        public void Add(TemplateNode node)
        {
            if (Count == _nodes.Length)
            {
                var larger = ArrayPool<TemplateNode>.Shared.Rent(_nodes.Length * 2);
                _nodes.AsSpan(0, Count).CopyTo(larger);
                _nodes.AsSpan(0, Count).Clear();
                ArrayPool<TemplateNode>.Shared.Return(_nodes);
                _nodes = larger;
            }

            _nodes[Count++] = node;
        }

        public void AppendText(int start, int end, bool atLineStart)
        {
            if (_textStart < 0)
            {
                (_textStart, _textEnd, _textAtLineStart) = (start, end, atLineStart);
                return;
            }

            if (start == _textEnd && _joined is null)
            {
                _textEnd = end; // contiguous in the template: the node can point into it
                return;
            }

            // Text around a removed standalone line is not contiguous: join it into a string of its own.
            if (_joined is null)
            {
                _joined = new StringBuilder();
                _joined.Append(_source, _textStart, _textEnd - _textStart);
            }

            _joined.Append(_source, start, end - start);
        }

        public void FlushText()
        {
            if (_textStart < 0)
            {
                return;
            }

            string text;
            int start;
            int length;
            if (_joined is { Length: > 0 })
            {
                text = _joined.ToString();
                (start, length) = (0, text.Length);
                _joined = null;
            }
            else
            {
                (text, start, length) = (_source, _textStart, _textEnd - _textStart);
            }

            Add(new TemplateNode
            {
                Kind = NodeKind.Text,
                Text = text,
                TextStart = start,
                TextLength = length,
                AtLineStart = _textAtLineStart,
                HasNewline = text.AsSpan(start, length).Contains('\n'),
            });
            _textStart = -1;
        }

        public readonly void CloseSection(int openIndex, bool closeAtLineStart) =>
            _nodes[openIndex] = _nodes[openIndex] with { End = Count, CloseAtLineStart = closeAtLineStart };

        public VariableReference Reference(ReadOnlySpan<char> name, bool insideSection, bool isSection)
        {
            _references ??= [];
            VariableReference? reference = null;
            foreach (var existing in _references)
            {
                if (name.SequenceEqual(existing.Path))
                {
                    reference = existing;
                    break;
                }
            }

            if (reference is null)
            {
                reference = new VariableReference(name.ToString());
                _references.Add(reference);
            }

            if (!reference.IsImplicit)
            {
                AddVariable(reference.Path, insideSection, isSection);
            }

            return reference;
        }

        public string Partial(ReadOnlySpan<char> name)
        {
            _partials ??= [];
            foreach (var existing in _partials)
            {
                if (name.SequenceEqual(existing))
                {
                    return existing;
                }
            }

            var added = name.ToString();
            _partials.Add(added);
            return added;
        }

        public readonly TemplateParseResult ToResult() => new(
            _nodes.AsSpan(0, Count).ToArray(),
            _variables is null ? [] : [.. _variables],
            _partials is null ? [] : [.. _partials]);

        public void Dispose()
        {
            _nodes.AsSpan(0, Count).Clear();
            ArrayPool<TemplateNode>.Shared.Return(_nodes);
            _nodes = [];
        }

        private void AddVariable(string path, bool insideSection, bool isSection)
        {
            // A linear search: templates read few distinct names, and this keeps a parse from allocating a dictionary.
            _variables ??= [];
            for (var i = 0; i < _variables.Count; i++)
            {
                var existing = _variables[i];
                if (existing.IsInsideSection == insideSection && existing.Path == path)
                {
                    if (isSection && !existing.IsSection)
                    {
                        _variables[i] = existing with { IsSection = true };
                    }

                    return;
                }
            }

            _variables.Add(new PromptTemplateVariable(path, insideSection, isSection));
        }
    }
}
