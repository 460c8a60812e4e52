using LlmOps.Sdk.Prompts;

namespace LlmOps.Sdk.Tests.Prompts.Mustache;

public sealed partial class PromptTemplateTests
{
    [Fact]
    public void Parse_UnclosedTag_ThrowsWithLineColumnAndClosingDelimiter()
    {
        var error = Assert.Throws<PromptTemplateException>(() => PromptTemplate.Parse("Hello\n  {{name"));

        AssertError(error, PromptTemplateErrorKind.UnclosedTag, 2, 3, "'}}'", "{{=<% %>=}}");
    }

    [Fact]
    public void Parse_UnclosedTripleMustache_NamesTripleClosing()
    {
        var error = Assert.Throws<PromptTemplateException>(() => PromptTemplate.Parse("{{{name}}"));

        AssertError(error, PromptTemplateErrorKind.UnclosedTag, 1, 1, "'}}}'");
    }

    [Theory]
    [InlineData("Hi {{first name}}", 1, 4, "'first name'")]
    [InlineData("x\n{{ }}", 2, 1, "no name")]
    [InlineData("x {{#a..b}}{{/a..b}}", 1, 3, "'a..b'")]
    [InlineData("{{.x}}", 1, 1, "'.x'")]
    public void Parse_InvalidName_ThrowsWithLineColumnAndName(string text, int line, int column, string expected)
    {
        var error = Assert.Throws<PromptTemplateException>(() => PromptTemplate.Parse(text));

        AssertError(error, PromptTemplateErrorKind.InvalidTag, line, column, expected);
    }

    [Fact]
    public void Parse_UnclosedSection_ThrowsNamingTheSectionAndTheClosingTag()
    {
        var error = Assert.Throws<PromptTemplateException>(() => PromptTemplate.Parse("Intro\n\n{{#items}}\n- {{.}}\n"));

        AssertError(error, PromptTemplateErrorKind.UnclosedSection, 3, 1, "{{#items}}", "{{/items}}");
        Assert.Equal("{{#items}}", error.Tag);
    }

    [Fact]
    public void Parse_MismatchedSection_ThrowsNamingBothTags()
    {
        var error = Assert.Throws<PromptTemplateException>(() => PromptTemplate.Parse("{{#a}}\n  {{#b}}\n  {{/a}}\n{{/b}}"));

        AssertError(error, PromptTemplateErrorKind.MismatchedSection, 3, 3, "{{/a}}", "{{#b}}", "line 2, column 3", "{{/b}}");
    }

    [Fact]
    public void Parse_ClosingTagWithoutSection_ThrowsNamingTheTag()
    {
        var error = Assert.Throws<PromptTemplateException>(() => PromptTemplate.Parse("text {{/items}}"));

        AssertError(error, PromptTemplateErrorKind.UnexpectedClosingTag, 1, 6, "{{/items}}", "{{#items}}");
    }

    [Theory]
    [InlineData("ok\n{{=<% =}}", 2, 1)]
    [InlineData("{{=<% %> x=}}", 1, 1)]
    [InlineData("{{=a=b c=}}", 1, 1)]
    [InlineData("{{==}}", 1, 1)]
    public void Parse_InvalidDelimiters_ThrowsWithLineColumnAndExample(string text, int line, int column)
    {
        var error = Assert.Throws<PromptTemplateException>(() => PromptTemplate.Parse(text));

        AssertError(error, PromptTemplateErrorKind.InvalidDelimiter, line, column, "two delimiters", "{{=<% %>=}}");
    }

    [Fact]
    public void Render_UnknownVariable_ThrowsWithNearestName()
    {
        var template = PromptTemplate.Parse("Dear {{custmer}},\n");

        var error = Assert.Throws<PromptTemplateException>(() => template.Render(new { customer = "Ada" }));

        AssertError(error, PromptTemplateErrorKind.UnknownVariable, 1, 6, "'custmer'", "Did you mean 'customer'?", "StrictVariables");
        Assert.Equal("{{custmer}}", error.Tag);
    }

    [Fact]
    public void Render_UnknownDottedSegment_NamesParentAndNearestMember()
    {
        var template = PromptTemplate.Parse("Line\n{{customer.nmae}}");

        var error = Assert.Throws<PromptTemplateException>(() => template.Render(new { customer = new { name = "Ada" } }));

        AssertError(error, PromptTemplateErrorKind.UnknownVariable, 2, 1, "'customer.nmae'", "no 'nmae' in 'customer'", "'name'");
    }

    [Fact]
    public void Render_UnknownVariableInSection_SuggestsItemMember()
    {
        var template = PromptTemplate.Parse("{{#items}}\n{{titel}}\n{{/items}}");

        var error = Assert.Throws<PromptTemplateException>(() => template.Render(new { items = new[] { new { title = "x" } } }));

        AssertError(error, PromptTemplateErrorKind.UnknownVariable, 2, 1, "'titel'", "Did you mean 'title'?");
    }

    [Fact]
    public void Render_UnknownVariableWithoutNearName_ListsAvailableNames()
    {
        var template = PromptTemplate.Parse("{{zzzzzz}}");

        var error = Assert.Throws<PromptTemplateException>(() => template.Render(new Dictionary<string, object?> { ["alpha"] = 1, ["beta"] = 2 }));

        AssertError(error, PromptTemplateErrorKind.UnknownVariable, 1, 1, "'zzzzzz'", "'alpha', 'beta'");
    }

    [Fact]
    public void Render_UnknownVariable_MessageShowsExcerptWithCaretUnderTag()
    {
        var template = PromptTemplate.Parse("Dear {{custmer}},", new PromptTemplateParseOptions { Name = "welcome" });

        var error = Assert.Throws<PromptTemplateException>(() => template.Render(new { customer = "Ada" }));

        Assert.StartsWith("Prompt template 'welcome', line 1, column 6: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("  1 | Dear {{custmer}},\n    |      ^\n", error.Message, StringComparison.Ordinal);
        Assert.Equal("welcome", error.TemplateName);
    }

    [Fact]
    public void Render_UnknownVariableOnLongLine_CutsExcerptAroundCaret()
    {
        var template = PromptTemplate.Parse(new string('x', 300) + "{{oops}}" + new string('y', 300));

        var error = Assert.Throws<PromptTemplateException>(() => template.Render(new { }));

        var excerpt = error.Message.Split('\n')[1];
        var caret = error.Message.Split('\n')[2];
        Assert.True(excerpt.Length < 130, $"Excerpt too long: {excerpt}");
        Assert.Equal("{{oops}}", excerpt.Substring(caret.IndexOf('^', StringComparison.Ordinal), 8));
        Assert.Equal((1, 301), (error.Line, error.Column));
    }

    [Fact]
    public void Render_PartialNotFound_ThrowsNamingPartial()
    {
        var template = PromptTemplate.Parse("A\n  {{> header}}");

        var error = Assert.Throws<PromptTemplateException>(() => template.Render(new { }));

        AssertError(error, PromptTemplateErrorKind.PartialNotFound, 2, 3, "'header'", "PromptTemplateRenderOptions.Partials");
    }

    [Fact]
    public void Render_PartialRecursionPastLimit_ThrowsNamingPartialAndLimit()
    {
        var partials = DictionaryPartialTemplateResolver.Parse([new("loop", "x{{> loop}}")]);
        var template = PromptTemplate.Parse("{{> loop}}");

        var error = Assert.Throws<PromptTemplateException>(
            () => template.Render(new { }, new() { Partials = partials, MaxPartialDepth = 5 }));

        AssertError(error, PromptTemplateErrorKind.PartialDepthExceeded, 1, 2, "'loop'", "limit of 5", "MaxPartialDepth");
        Assert.Equal("loop", error.TemplateName);
    }

    [Fact]
    public void Render_ErrorInsidePartial_NamesThePartial()
    {
        var partials = DictionaryPartialTemplateResolver.Parse([new("footer", "Bye\n{{nmae}}")]);
        var template = PromptTemplate.Parse("Hi\n{{> footer}}", new PromptTemplateParseOptions { Name = "main" });

        var error = Assert.Throws<PromptTemplateException>(() => template.Render(new { name = "Ada" }, new() { Partials = partials }));

        Assert.Equal(("footer", 2, 1), (error.TemplateName, error.Line, error.Column));
        Assert.Contains("Prompt template 'footer'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SectionsNestedPastLimit_ThrowsAtTheFirstTooDeepSection()
    {
        var depth = PromptTemplate.MaxSectionDepth + 1;
        var text = string.Concat(Enumerable.Repeat("{{#a}}", depth)) + string.Concat(Enumerable.Repeat("{{/a}}", depth));

        var error = Assert.Throws<PromptTemplateException>(() => PromptTemplate.Parse(text));

        AssertError(error, PromptTemplateErrorKind.SectionDepthExceeded, 1, (6 * PromptTemplate.MaxSectionDepth) + 1, "deeper than 100");
    }

    [Fact]
    public void Render_SectionsNestedAtLimit_Renders()
    {
        var depth = PromptTemplate.MaxSectionDepth;
        var template = PromptTemplate.Parse(string.Concat(Enumerable.Repeat("{{#a}}", depth)) + "x" + string.Concat(Enumerable.Repeat("{{/a}}", depth)));

        var actual = template.Render(new { a = true });

        Assert.Equal("x", actual);
    }

    private static void AssertError(
        PromptTemplateException error, PromptTemplateErrorKind kind, int line, int column, params string[] expectedInMessage)
    {
        Assert.True(
            (kind, line, column) == (error.Kind, error.Line, error.Column),
            $"Expected {kind} at {line}:{column}, got {error.Kind} at {error.Line}:{error.Column}. Message: {error.Message}");
        foreach (var expected in expectedInMessage)
        {
            Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), $"'{expected}' is missing from: {error.Message}");
        }
    }
}
