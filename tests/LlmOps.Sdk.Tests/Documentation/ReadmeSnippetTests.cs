using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LlmOps.Sdk.Tests.Documentation;

/// <summary>
/// Compiles every C# block of the READMEs as a program of its own, so the documentation cannot drift from the API.
/// </summary>
/// <remarks>
/// A block that starts with its own <c>using</c> directives is a whole program: it gets only a console app's implicit
/// usings, so a missing <c>using</c> fails the test. Any other block is a fragment: it gets the usings of every namespace
/// the READMEs use. Either way the block is compiled as top-level statements after declarations of the names the
/// README's prose introduces (<c>apiKey</c>, <c>chat</c>, <c>builder</c> …), each only when the block does not declare
/// it itself. Errors name the README, its line and the compiler's message.
/// </remarks>
public sealed class ReadmeSnippetTests
{
    // What dotnet new console's ImplicitUsings bring.
    private static readonly string[] ImplicitUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    private static readonly string[] FragmentUsings =
    [
        "System", "System.ClientModel", "System.ClientModel.Primitives", "System.Collections.Generic", "System.Linq", "System.Threading",
        "System.Threading.Tasks", "LlmOps.Sdk", "LlmOps.Sdk.Capture", "LlmOps.Sdk.Evaluation", "LlmOps.Sdk.Feedback", "LlmOps.Sdk.Privacy", "LlmOps.Sdk.Prompts", "LlmOps.Sdk.Resilience",
        "LlmOps.Sdk.Telemetry", "LlmOps.Sdk.Testing", "Microsoft.Extensions.AI", "Microsoft.Extensions.AI.Evaluation",
        "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting",
        "Microsoft.Extensions.Time.Testing", "OpenAI", "OpenTelemetry.Metrics", "OpenTelemetry.Trace",
    ];

    // What the README's prose introduces; declared only when a block does not declare the name itself.
    private static readonly (string Name, string Declaration)[] Context =
    [
        ("apiKey", "string apiKey = \"sk-test\";"),
        ("customer", "string customer = \"Ada\";"),
        ("question", "string question = \"Where is my order?\";"),
        ("examples", "object[] examples = [];"),
        ("schemaJson", "string schemaJson = \"{}\";"),
        ("fakeTime", "Microsoft.Extensions.Time.Testing.FakeTimeProvider fakeTime = new();"),
        ("builder", "Microsoft.Extensions.Hosting.HostApplicationBuilder builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();"),
        ("services", "Microsoft.Extensions.DependencyInjection.IServiceCollection services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();"),
        ("chat", "Microsoft.Extensions.AI.IChatClient chat = new LlmOps.Sdk.Testing.ScriptedChatClient();"),
        ("judgeClient", "Microsoft.Extensions.AI.IChatClient judgeClient = new LlmOps.Sdk.Testing.ScriptedChatClient();"),
        ("judge", "Microsoft.Extensions.AI.Evaluation.IEvaluator judge = null!;"),
        ("messages", "System.Collections.Generic.IList<Microsoft.Extensions.AI.ChatMessage> messages = [];"),
        ("options", "Microsoft.Extensions.AI.ChatOptions options = new();"),
        ("reply", "Microsoft.Extensions.AI.ChatResponse? reply = null;"),
        ("cancellationToken", "System.Threading.CancellationToken cancellationToken = default;"),
        ("openAiChatClient", "Microsoft.Extensions.AI.IChatClient openAiChatClient = new LlmOps.Sdk.Testing.ScriptedChatClient();"),
    ];

    private static readonly Lazy<MetadataReference[]> References = new(static () =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator) // always set on .NET
            .Concat(Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll"))
            .DistinctBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Where(static path => !Path.GetFileName(path).StartsWith("testhost", StringComparison.OrdinalIgnoreCase))
            .Select(static path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray());

    public static TheoryData<string, int> Snippets()
    {
        var data = new TheoryData<string, int>();
        foreach (var snippet in ReadmeSnippets.Read(Root))
        {
            data.Add(snippet.File, snippet.Line);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Snippet_Compiles(string file, int line)
    {
        var snippet = ReadmeSnippets.Read(Root).Single(s => s.File == file && s.Line == line);

        var errors = Compile(snippet);

        Assert.True(errors.Count == 0, $"The C# block at {snippet} does not compile:\n{string.Join('\n', errors)}\n\n{snippet.Code}");
    }

    [Fact]
    public void Readmes_HaveSnippets_ThatTheTestFinds()
    {
        var count = ReadmeSnippets.Read(Root).Count();

        Assert.True(count >= 8, $"Expected the READMEs' C# blocks, found {count}: is the fence still ```csharp?");
    }

    private static string Root => RepositoryRoot.Path ?? throw new InvalidOperationException("Run the tests from a clone: LlmOps.Sdk.sln was not found.");

    private static List<string> Compile(ReadmeSnippet snippet)
    {
        var source = new StringBuilder();
        var body = new StringBuilder();
        var ownUsings = 0;
        foreach (var codeLine in snippet.Code.Split('\n'))
        {
            // A block's own usings go first, where C# requires them.
            var isUsing = codeLine.StartsWith("using ", StringComparison.Ordinal) && codeLine.TrimEnd().EndsWith(';');
            ownUsings += isUsing ? 1 : 0;
            (isUsing ? source : body).Append(codeLine).Append('\n');
        }

        foreach (var name in ownUsings > 0 ? ImplicitUsings : FragmentUsings)
        {
            source.Append("using ").Append(name).Append(";\n");
        }

        foreach (var (name, declaration) in Context)
        {
            if (ReadmeSnippets.Uses(snippet.Code, name) && !ReadmeSnippets.Declares(snippet.Code, name))
            {
                source.Append(declaration).Append('\n');
            }
        }

        source.Append("#line ").Append(snippet.Line).Append(" \"").Append(snippet.File).Append("\"\n").Append(body);

        var tree = CSharpSyntaxTree.ParseText(source.ToString(), new CSharpParseOptions(LanguageVersion.Latest));
        var compilation = CSharpCompilation.Create(
            "ReadmeSnippet", [tree], References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        return compilation.GetDiagnostics()
            .Where(static d => d.Severity == DiagnosticSeverity.Error)
            .Select(static d => d.ToString())
            .ToList();
    }
}
