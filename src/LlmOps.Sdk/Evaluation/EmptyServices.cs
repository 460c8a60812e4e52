namespace LlmOps.Sdk.Evaluation;

/// <summary>A service provider with no services, for a stage built by hand.</summary>
internal sealed class EmptyServices : IServiceProvider
{
    public static readonly EmptyServices Instance = new();

    private EmptyServices()
    {
    }

    public object? GetService(Type serviceType) => null;
}
