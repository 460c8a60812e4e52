using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.Evaluation;

/// <summary>An evaluator of the pipeline and how it is run.</summary>
/// <remarks>
/// <c>AddLlmOps(o =&gt; o.AddEvaluator&lt;T&gt;())</c> adds one to <see cref="EvaluationOptions.Evaluators"/>; without DI, add
/// them yourself. The evaluator is created when the pipeline is built, from the services it is built with.
/// </remarks>
public sealed class EvaluatorRegistration
{
    private readonly Func<IServiceProvider, IResponseEvaluator> _factory;

    /// <summary>Initializes a new instance of the <see cref="EvaluatorRegistration"/> class for an evaluator instance.</summary>
    /// <param name="evaluator">The evaluator; shared by every pipeline built with this registration.</param>
    /// <param name="options">How it is run; the defaults when <see langword="null"/>.</param>
    public EvaluatorRegistration(IResponseEvaluator evaluator, EvaluatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        _factory = _ => evaluator;
        Options = options ?? new();
    }

    /// <summary>Initializes a new instance of the <see cref="EvaluatorRegistration"/> class for an evaluator made from services.</summary>
    /// <param name="factory">Creates the evaluator when the pipeline is built.</param>
    /// <param name="options">How it is run; the defaults when <see langword="null"/>.</param>
    public EvaluatorRegistration(Func<IServiceProvider, IResponseEvaluator> factory, EvaluatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _factory = factory;
        Options = options ?? new();
    }

    /// <summary>Gets how the evaluator is run.</summary>
    [ValidateObjectMembers]
    public EvaluatorOptions Options { get; }

    /// <summary>Creates a registration for an evaluator type, taken from the services or created with their help.</summary>
    internal static EvaluatorRegistration For<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(EvaluatorOptions options)
        where T : class, IResponseEvaluator =>
        new(static services => ActivatorUtilities.GetServiceOrCreateInstance<T>(services), options);

    internal IResponseEvaluator CreateEvaluator(IServiceProvider services) =>
        _factory(services) ?? throw new InvalidOperationException(
            "An evaluator factory returned null. Return an IResponseEvaluator from the factory given to EvaluatorRegistration.");
}
