using LlmOps.Sdk.Prompts;

namespace LlmOps.Sdk.Tests.Prompts.Mustache;

public sealed partial class PromptTemplateTests
{
    [Theory]
    [InlineData("Hello {{name}}!", "Hello Ada!")]
    [InlineData("{{{name}}} {{&name}}", "Ada Ada")]
    [InlineData("{{#items}}[{{.}}]{{/items}}", "[a][b]")]
    [InlineData("{{^empty}}none{{/empty}}", "none")]
    [InlineData("a{{! a comment }}b", "ab")]
    [InlineData("{{=<% %>=}}<%name%> {{name}}", "Ada {{name}}")]
    [InlineData("{{person.address.city}}", "Oslo")]
    public void Render_CoreTags_RendersAsMustache(string text, string expected)
    {
        var template = PromptTemplate.Parse(text);

        var actual = template.Render(new
        {
            name = "Ada",
            items = new[] { "a", "b" },
            empty = Array.Empty<string>(),
            person = new { address = new { city = "Oslo" } },
        });

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Render_StandaloneSectionLines_RemovesTheirLines()
    {
        var template = PromptTemplate.Parse("Examples:\n{{#examples}}\n- {{q}}\n{{/examples}}\nEnd\n");

        var actual = template.Render(new { examples = new[] { new { q = "one" }, new { q = "two" } } });

        Assert.Equal("Examples:\n- one\n- two\nEnd\n", actual);
    }

    [Fact]
    public void Render_NoEscapingByDefault_WritesHtmlCharactersAsTheyAre()
    {
        var template = PromptTemplate.Parse("{{text}}");

        var actual = template.Render(new { text = "<b>\"Tom\" & 'Jerry'</b>" });

        Assert.Equal("<b>\"Tom\" & 'Jerry'</b>", actual);
    }

    [Fact]
    public void Render_HtmlEscaping_EscapesDoubleMustacheOnly()
    {
        var template = PromptTemplate.Parse("{{text}}|{{{text}}}|{{&text}}");

        var actual = template.Render(new { text = "<a href=\"x\">'&'</a>" }, new() { Escaping = PromptTemplateEscaping.Html });

        Assert.Equal("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;|<a href=\"x\">'&'</a>|<a href=\"x\">'&'</a>", actual);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(false)]
    [InlineData("")]
    public void Render_FalsyValues_SkipSectionAndRenderInverted(object? value)
    {
        var template = PromptTemplate.Parse("{{#v}}yes{{/v}}{{^v}}no{{/v}}");

        var actual = template.Render(new Dictionary<string, object?> { ["v"] = value });

        Assert.Equal("no", actual);
    }

    [Fact]
    public void Render_EmptyList_IsFalsy()
    {
        var template = PromptTemplate.Parse("{{#v}}yes{{/v}}{{^v}}no{{/v}}");

        var actual = template.Render(new { v = new List<int>() });

        Assert.Equal("no", actual);
    }

    [Fact]
    public void Render_LazyEnumerable_DrivesSection()
    {
        var template = PromptTemplate.Parse("{{#v}}{{.}},{{/v}}{{^v}}none{{/v}}");

        var actual = template.Render(new { v = Enumerable.Range(1, 3).Select(i => i * 10) });

        Assert.Equal("10,20,30,", actual);
    }

    [Fact]
    public void Render_ObjectSection_PushesObjectAsContext()
    {
        var template = PromptTemplate.Parse("{{#customer}}{{name}} ({{tier}}){{/customer}}");

        var actual = template.Render(new { customer = new { name = "Ada", tier = "gold" } });

        Assert.Equal("Ada (gold)", actual);
    }

    [Fact]
    public void Render_NameInSection_FallsBackToOuterContexts()
    {
        var template = PromptTemplate.Parse("{{#examples}}{{q}} for {{customer}};{{/examples}}");

        var actual = template.Render(new { customer = "Ada", examples = new[] { new { q = "a" }, new { q = "b" } } });

        Assert.Equal("a for Ada;b for Ada;", actual);
    }

    [Fact]
    public void Render_StrictMode_NullValueRendersEmpty()
    {
        var template = PromptTemplate.Parse("[{{missing}}]");

        var actual = template.Render(new Dictionary<string, object?> { ["missing"] = null });

        Assert.Equal("[]", actual);
    }

    [Theory]
    [InlineData("[{{nope}}]", "[]")]
    [InlineData("[{{a.nope}}]", "[]")]
    [InlineData("[{{#nope}}x{{/nope}}]", "[]")]
    [InlineData("[{{^nope}}x{{/nope}}]", "[x]")]
    [InlineData("[{{> nope}}]", "[]")]
    public void Render_LenientMode_MissingNamesRenderEmpty(string text, string expected)
    {
        var template = PromptTemplate.Parse(text);

        var actual = template.Render(new { a = new { b = 1 } }, new() { StrictVariables = false });

        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("[{{nope}}]")]
    [InlineData("[{{a.nope}}]")]
    [InlineData("[{{#nope}}x{{/nope}}]")]
    [InlineData("[{{^nope}}x{{/nope}}]")]
    public void Render_StrictMode_MissingNamesThrow(string text)
    {
        var template = PromptTemplate.Parse(text);

        var error = Assert.Throws<PromptTemplateException>(() => template.Render(new { a = new { b = 1 } }));

        Assert.Equal(PromptTemplateErrorKind.UnknownVariable, error.Kind);
    }

    [Fact]
    public void Render_Defaults_FillOnlyNamesTheVariablesLack()
    {
        var template = PromptTemplate.Parse("{{greeting}}, {{name}}! {{#items}}{{label}}{{/items}}");
        var options = new PromptTemplateRenderOptions
        {
            Defaults = new Dictionary<string, object?> { ["greeting"] = "Hello", ["name"] = "friend", ["label"] = "-" },
        };

        var actual = template.Render(new { name = "Ada", items = new[] { new { label = (string?)"a" }, new { label = (string?)null } } }, options);

        Assert.Equal("Hello, Ada! a", actual);
    }

    [Fact]
    public void Render_DefaultsInStrictMode_StillThrowForNamesInNeither()
    {
        var template = PromptTemplate.Parse("{{greting}}");
        var options = new PromptTemplateRenderOptions { Defaults = new Dictionary<string, object?> { ["greeting"] = "Hello" } };

        var error = Assert.Throws<PromptTemplateException>(() => template.Render(new { name = "Ada" }, options));

        Assert.Contains("in the variables or the defaults", error.Message, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'greeting'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NullVariablesInStrictMode_ThrowsForFirstName()
    {
        var template = PromptTemplate.Parse("{{name}}");

        var error = Assert.Throws<PromptTemplateException>(() => template.Render(null));

        Assert.Contains("'name'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoTags_ReturnsTextUnchanged()
    {
        const string Text = "Plain { text } with } braces {";
        var template = PromptTemplate.Parse(Text);

        var actual = template.Render(null);

        Assert.Equal(Text, actual);
    }

    [Fact]
    public void Render_LongOutput_GrowsBufferBeyondTemplateSize()
    {
        var template = PromptTemplate.Parse("{{#items}}{{.}}{{/items}}");
        var items = Enumerable.Range(0, 2000).Select(i => new string((char)('a' + (i % 26)), 50)).ToArray();

        var actual = template.Render(new { items });

        Assert.Equal(string.Concat(items), actual);
    }

    [Fact]
    public void Parse_Variables_ListsPathsWithSectionUse()
    {
        var template = PromptTemplate.Parse(
            "{{customer.name}} {{#examples}}{{q}} {{customer.name}}{{/examples}} {{^flag}}{{/flag}} {{.}} {{customer.name}}");

        var variables = template.Variables;

        Assert.Equal(
        [
            new PromptTemplateVariable("customer.name", IsInsideSection: false, IsSection: false),
            new PromptTemplateVariable("examples", IsInsideSection: false, IsSection: true),
            new PromptTemplateVariable("q", IsInsideSection: true, IsSection: false),
            new PromptTemplateVariable("customer.name", IsInsideSection: true, IsSection: false),
            new PromptTemplateVariable("flag", IsInsideSection: false, IsSection: true),
        ], variables);
        Assert.Equal("customer", variables[0].RootName);
    }

    [Fact]
    public void Parse_Partials_ListsEachNameOnce()
    {
        var template = PromptTemplate.Parse("{{> preamble}}\n{{#x}}{{>footer}}{{/x}}{{> preamble}}");

        Assert.Equal(["preamble", "footer"], template.PartialNames);
    }

    [Fact]
    public void Parse_Name_IsKept()
    {
        var template = PromptTemplate.Parse("x", new PromptTemplateParseOptions { Name = "support-reply v3" });

        Assert.Equal(("support-reply v3", "x"), (template.Name, template.Text));
    }

    [Fact]
    public void Parse_NullText_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => PromptTemplate.Parse(null!));
    }
}
