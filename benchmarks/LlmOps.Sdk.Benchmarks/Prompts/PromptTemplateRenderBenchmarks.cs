using BenchmarkDotNet.Attributes;
using Fluid;
using HandlebarsDotNet;
using LlmOps.Sdk.Prompts;

namespace LlmOps.Sdk.Benchmarks.Prompts;

/// <summary>
/// Renders <see cref="RealisticPrompt"/> to a string with our engine and with the engines a user would otherwise pick.
/// Baseline: Handlebars.Net, the fastest of the three alternatives at rendering this prompt in our runs (it compiles
/// templates to delegates). The goal: a ratio of 0.50 or less, allocating only the output string plus at most 128 bytes
/// (the 1,133-character output is a 2,288-byte string).
/// </summary>
[MemoryDiagnoser]
public class PromptTemplateRenderBenchmarks
{
    private PromptTemplate _llmOps = null!;
    private IFluidTemplate _fluid = null!;
    private TemplateOptions _fluidOptions = null!;
    private HandlebarsTemplate<object, object> _handlebars = null!;
    private global::Scriban.Template _scriban = null!;

    [GlobalSetup]
    public void Setup()
    {
        _llmOps = PromptTemplate.Parse(RealisticPrompt.Mustache);
        _fluid = new FluidParser().Parse(RealisticPrompt.Liquid);
        _fluidOptions = new TemplateOptions { MemberAccessStrategy = UnsafeMemberAccessStrategy.Instance };
        _handlebars = Handlebars.Create(new HandlebarsConfiguration { NoEscape = true }).Compile(RealisticPrompt.Mustache);
        _scriban = global::Scriban.Template.Parse(RealisticPrompt.Scriban);

        // Same text from every engine, or the comparison is not fair.
        var expected = LlmOps();
        foreach (var (engine, actual) in new[] { ("Fluid", Fluid()), ("Handlebars.Net", HandlebarsNet()), ("Scriban", Scriban()) })
        {
            if (actual != expected)
            {
                throw new InvalidOperationException($"{engine} renders other text than LlmOps:\n{actual}\n---\n{expected}");
            }
        }
    }

    [Benchmark]
    public string LlmOps() => _llmOps.Render(RealisticPrompt.Variables);

    [Benchmark]
    public string Fluid() => _fluid.Render(new TemplateContext(RealisticPrompt.Variables, _fluidOptions));

    [Benchmark(Baseline = true)]
    public string HandlebarsNet() => _handlebars(RealisticPrompt.Variables);

    [Benchmark]
    public string Scriban() => _scriban.Render(RealisticPrompt.Variables);
}
