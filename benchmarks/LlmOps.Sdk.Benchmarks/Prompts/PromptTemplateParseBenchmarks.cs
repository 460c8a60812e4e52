using BenchmarkDotNet.Attributes;
using Fluid;
using HandlebarsDotNet;
using LlmOps.Sdk.Prompts;

namespace LlmOps.Sdk.Benchmarks.Prompts;

/// <summary>
/// Parses <see cref="RealisticPrompt"/> with our engine and the alternatives. Baseline: Fluid's parser, the fastest of the
/// three alternatives at parsing this prompt in our runs; the goal is a ratio of 1.00 or less. Handlebars.Net has no
/// parse-only API: its number is parse plus compile to a delegate, which is what a user pays before the first render.
/// </summary>
[MemoryDiagnoser]
#pragma warning disable CA1822 // BenchmarkDotNet runs instance methods; keep all four alike
public class PromptTemplateParseBenchmarks
{
    private readonly FluidParser _fluidParser = new();
    private readonly IHandlebars _handlebars = Handlebars.Create(new HandlebarsConfiguration { NoEscape = true });

    [Benchmark]
    public PromptTemplate LlmOps() => PromptTemplate.Parse(RealisticPrompt.Mustache);

    [Benchmark(Baseline = true)]
    public IFluidTemplate Fluid() => _fluidParser.Parse(RealisticPrompt.Liquid);

    [Benchmark]
    public HandlebarsTemplate<object, object> HandlebarsNet() => _handlebars.Compile(RealisticPrompt.Mustache);

    [Benchmark]
    public global::Scriban.Template Scriban() => global::Scriban.Template.Parse(RealisticPrompt.Scriban);
}
#pragma warning restore CA1822
