using LlmOps.Sdk.Prompts;

namespace LlmOps.Sdk.Tests.Prompts.Mustache;

public sealed partial class PromptTemplateTests
{
    [Fact]
    public void Render_Partial_RendersWithCurrentContext()
    {
        var partials = DictionaryPartialTemplateResolver.Parse([new("example", "Q: {{q}}\n")]);
        var template = PromptTemplate.Parse("{{#examples}}\n{{> example}}\n{{/examples}}");

        var actual = template.Render(new { examples = new[] { new { q = "a" }, new { q = "b" } } }, new() { Partials = partials });

        Assert.Equal("Q: a\nQ: b\n", actual);
    }

    [Fact]
    public void Render_StandalonePartial_IndentsEveryLineOfThePartialButNotValues()
    {
        var partials = DictionaryPartialTemplateResolver.Parse([new("rules", "- {{first}}\n- second\n")]);
        var template = PromptTemplate.Parse("Rules:\n    {{> rules}}\nEnd");

        var actual = template.Render(new { first = "one\ntwo" }, new() { Partials = partials });

        Assert.Equal("Rules:\n    - one\ntwo\n    - second\nEnd", actual);
    }

    [Fact]
    public void Render_NestedStandalonePartials_AccumulateIndentation()
    {
        var partials = DictionaryPartialTemplateResolver.Parse([new("outer", "o\n  {{> inner}}\n"), new("inner", "i1\ni2\n")]);
        var template = PromptTemplate.Parse("  {{> outer}}\n");

        var actual = template.Render(new { }, new() { Partials = partials });

        Assert.Equal("  o\n    i1\n    i2\n", actual);
    }

    [Fact]
    public void Render_RecursivePartialEndedByData_RendersWithinLimit()
    {
        var partials = DictionaryPartialTemplateResolver.Parse([new("node", "{{name}}({{#children}}{{> node}}{{/children}})")]);
        var tree = new { name = "a", children = new object[] { new { name = "b", children = new object[] { new { name = "c", children = Array.Empty<object>() } } } } };

        var actual = PromptTemplate.Parse("{{> node}}").Render(tree, new() { Partials = partials, MaxPartialDepth = 3 });

        Assert.Equal("a(b(c()))", actual);
    }

    [Fact]
    public void Render_PartialsWithOwnDelimiters_DoNotLeakDelimiters()
    {
        var partials = DictionaryPartialTemplateResolver.Parse([new("p", "{{=<% %>=}}<%v%>")]);

        var actual = PromptTemplate.Parse("{{> p}} {{v}}").Render(new { v = 1 }, new() { Partials = partials });

        Assert.Equal("1 1", actual);
    }
}
