using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmOps.Sdk.Prompts;

namespace LlmOps.Sdk.Tests.Prompts.Mustache;

public sealed partial class PromptTemplateTests
{
    private const string SourceTemplate = "{{name}} is {{age}}; {{#tags}}[{{.}}]{{/tags}}{{^none}} no-none{{/none}}; {{address.city}}{{#vip}} VIP{{/vip}}";
    private const string SourceExpected = "Ada is 36; [math][code] no-none; London VIP";

    [Fact]
    public void Render_AnonymousObject_ReadsProperties()
    {
        var variables = new { name = "Ada", age = 36, tags = new[] { "math", "code" }, none = Array.Empty<int>(), address = new { city = "London" }, vip = true };

        var actual = PromptTemplate.Parse(SourceTemplate).Render(variables);

        Assert.Equal(SourceExpected, actual);
    }

    [Fact]
    public void Render_AnonymousObjectAsObject_RendersLikeTheGenericOverload()
    {
        object variables = new { name = "Ada", age = 36, tags = new[] { "math", "code" }, none = Array.Empty<int>(), address = new { city = "London" }, vip = true };

        var actual = PromptTemplate.Parse(SourceTemplate).Render(variables); // the object overload: the type is known only at run time

        Assert.Equal(SourceExpected, actual);
    }

    [Fact]
    public void Render_Poco_ReadsPublicPropertiesAndFieldsIncludingInherited()
    {
        var variables = new Person { Name = "Ada", Age = 36, Tags = ["math", "code"], address = new Address("London"), Vip = true };
        var template = PromptTemplate.Parse(SourceTemplate.Replace("{{name}}", "{{Name}}").Replace("{{age}}", "{{Age}}")
            .Replace("tags}}", "Tags}}").Replace("none}}", "None}}").Replace("vip}}", "Vip}}").Replace("address.city", "address.City"));

        var actual = template.Render(variables);

        Assert.Equal(SourceExpected, actual);
    }

    [Fact]
    public void Render_Poco_DoesNotReadNonPublicMembers()
    {
        var template = PromptTemplate.Parse("{{Secret}}");

        var error = Assert.Throws<PromptTemplateException>(() => template.Render(new Person()));

        Assert.Equal(PromptTemplateErrorKind.UnknownVariable, error.Kind);
    }

    [Fact]
    public void Render_Dictionary_ReadsKeys()
    {
        var variables = new Dictionary<string, object?>
        {
            ["name"] = "Ada",
            ["age"] = 36,
            ["tags"] = new List<string> { "math", "code" },
            ["none"] = new List<string>(),
            ["address"] = new Dictionary<string, object?> { ["city"] = "London" },
            ["vip"] = true,
        };

        var actual = PromptTemplate.Parse(SourceTemplate).Render(variables);

        Assert.Equal(SourceExpected, actual);
    }

    [Fact]
    public void Render_ReadOnlyDictionary_ReadsKeys()
    {
        var variables = new ReadOnlyOnlyDictionary(new Dictionary<string, object?>
        {
            ["name"] = "Ada",
            ["age"] = 36,
            ["tags"] = new[] { "math", "code" },
            ["none"] = Array.Empty<string>(),
            ["address"] = new ReadOnlyOnlyDictionary(new Dictionary<string, object?> { ["city"] = "London" }),
            ["vip"] = true,
        });

        var actual = PromptTemplate.Parse(SourceTemplate).Render(variables);

        Assert.Equal(SourceExpected, actual);
    }

    [Fact]
    public void Render_StringDictionary_ReadsKeys()
    {
        var actual = PromptTemplate.Parse("{{a}}-{{b}}").Render(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" });

        Assert.Equal("1-2", actual);
    }

    [Fact]
    public void Render_JsonElement_ReadsProperties()
    {
        using var json = JsonDocument.Parse("""
            {"name":"Ada","age":36,"tags":["math","code"],"none":[],"address":{"city":"London"},"vip":true}
            """);

        var actual = PromptTemplate.Parse(SourceTemplate).Render(json.RootElement);

        Assert.Equal(SourceExpected, actual);
    }

    [Fact]
    public void Render_JsonNode_ReadsProperties()
    {
        var variables = new JsonObject
        {
            ["name"] = "Ada",
            ["age"] = 36,
            ["tags"] = new JsonArray("math", "code"),
            ["none"] = new JsonArray(),
            ["address"] = new JsonObject { ["city"] = "London" },
            ["vip"] = true,
        };

        var actual = PromptTemplate.Parse(SourceTemplate).Render(variables);

        Assert.Equal(SourceExpected, actual);
    }

    [Fact]
    public void Render_ParsedJsonNode_ReadsProperties()
    {
        var variables = JsonNode.Parse("""
            {"name":"Ada","age":36,"tags":["math","code"],"none":[],"address":{"city":"London"},"vip":true}
            """);

        var actual = PromptTemplate.Parse(SourceTemplate).Render(variables);

        Assert.Equal(SourceExpected, actual);
    }

    [Fact]
    public void Render_MixedSources_NestFreely()
    {
        using var json = JsonDocument.Parse("""{"city":"London"}""");
        var variables = new Dictionary<string, object?>
        {
            ["person"] = new { name = "Ada", address = json.RootElement },
            ["extra"] = new JsonObject { ["note"] = "hi" },
        };

        var actual = PromptTemplate.Parse("{{person.name}} {{person.address.city}} {{extra.note}}").Render(variables);

        Assert.Equal("Ada London hi", actual);
    }

    [Fact]
    public void Render_NumbersAndDates_UseInvariantCultureWhateverTheCurrentCulture()
    {
        var template = PromptTemplate.Parse("{{d}}|{{m}}|{{f}}|{{l}}|{{date}}|{{day}}|{{offset}}|{{big}}");
        var variables = new
        {
            d = 1234.5,
            m = 1.50m,
            f = 0.25f,
            l = 1234567890123L,
            date = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            day = new DateOnly(2026, 1, 2),
            offset = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)),
            big = (object)1234567.25,
        };
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var actual = template.Render(variables);

            Assert.Equal(
                "1234.5|1.50|0.25|1234567890123|2026-01-02T03:04:05.0000000Z|2026-01-02|2026-01-02T03:04:05.0000000+02:00|1234567.25",
                actual);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Render_BooleansAndJsonScalars_WriteJsonStyleText()
    {
        using var json = JsonDocument.Parse("""{"t":true,"f":false,"n":null,"x":1.5,"i":-3,"o":{"a":1}}""");

        var actual = PromptTemplate.Parse("{{t}} {{f}} [{{n}}] {{x}} {{i}} {{o}}").Render(json.RootElement);

        Assert.Equal("true false [] 1.5 -3 {\"a\":1}", actual);
    }

    [Fact]
    public void Render_SameNodeWithChangingTypes_ReadsEachTypeCorrectly()
    {
        var template = PromptTemplate.Parse("{{#items}}{{v}},{{/items}}");
        var items = new object[]
        {
            new { v = 1 }, new Dictionary<string, object?> { ["v"] = "two" }, new { v = 3.5 }, new { v = "four" },
            new JsonObject { ["v"] = 5 }, new { v = 'c' }, new Item(7), new { v = (int?)8 },
        };

        var actual = template.Render(new { items });

        Assert.Equal("1,two,3.5,four,5,c,7,8,", actual);
    }

    [Fact]
    public void Render_StructVariables_ReadsMembersOfBoxedStructs()
    {
        var template = PromptTemplate.Parse("{{Name}} {{Point.X}},{{Point.Y}}");

        var actual = template.Render(new Shape("dot", new Point(1, 2)));

        Assert.Equal("dot 1,2", actual);
    }

    private readonly record struct Point(int X, int Y);

    private readonly record struct Shape(string Name, Point Point);

    private sealed record Item(int v);

    private sealed record Address(string City);

    private class PersonBase
    {
        public string Name { get; set; } = "";

        public int Age { get; set; }
    }

    private sealed class Person : PersonBase
    {
#pragma warning disable CA1051, IDE1006 // a public field on purpose: fields are a variable source too
        public Address? address;
#pragma warning restore CA1051, IDE1006

        public IList<string> Tags { get; set; } = [];

        public IEnumerable<int> None { get; } = [];

        public bool Vip { get; set; }

        internal string Secret { get; } = "hidden";
    }

    /// <summary>Implements only IReadOnlyDictionary, not IDictionary, to exercise that source alone.</summary>
    private sealed class ReadOnlyOnlyDictionary(Dictionary<string, object?> inner) : IReadOnlyDictionary<string, object?>
    {
        public object? this[string key] => inner[key];

        public IEnumerable<string> Keys => inner.Keys;

        public IEnumerable<object?> Values => inner.Values;

        public int Count => inner.Count;

        public bool ContainsKey(string key) => inner.ContainsKey(key);

        public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value) => inner.TryGetValue(key, out value);

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => inner.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
