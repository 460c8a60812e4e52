using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Sdk.DependencyInjection;

/// <summary>Replaces one <see cref="IChatClient"/> registration with the same client wrapped in the LlmOps pipeline.</summary>
/// <remarks>
/// The replacement keeps the original's lifetime and key. Its factory is an instance method of this class, which is
/// how a second <c>AddLlmOps</c> recognises a registration it already decorated.
/// </remarks>
internal sealed class ChatClientDecorator
{
    private readonly ServiceDescriptor _original;

    private ChatClientDecorator(ServiceDescriptor original) => _original = original;

    /// <summary>Gets the registration this decorator wraps.</summary>
    public ServiceDescriptor Original => _original;

    /// <summary>Decorates the last <see cref="IChatClient"/> registered with <paramref name="serviceKey"/>, once.</summary>
    public static void Decorate(IServiceCollection services, object? serviceKey)
    {
        var index = FindLast(services, serviceKey);
        if (index < 0)
        {
            throw new InvalidOperationException(serviceKey is null
                ? "AddLlmOps found no IChatClient to wrap. Register your provider first with " +
                  "services.AddChatClient(...), then call services.AddLlmOps()."
                : $"AddKeyedLlmOps found no IChatClient registered with the key '{serviceKey}'. Register your provider " +
                  $"first with services.AddKeyedChatClient(\"{serviceKey}\", ...), then call services.AddKeyedLlmOps(\"{serviceKey}\").");
        }

        var original = services[index];
        if (IsDecorated(original))
        {
            return;
        }

        if (original.ImplementationFactory?.Target is ChatClientBuilder registeredBuilder)
        {
            // Registered with AddChatClient: resilience goes at the end of that builder, next to the provider and under
            // its UseFunctionInvocation(), so that it retries one model request and never runs a tool again. The other
            // stages wrap the whole client, once per logical call. (AddKeyedChatClient hides its builder in a closure:
            // a keyed client that invokes functions is refused when built, with the wiring to write instead.)
            ResilienceChatClientBuilderExtensions.UseLlmOpsResilienceNextToProvider(registeredBuilder, serviceKey);
        }

        var decorator = new ChatClientDecorator(original);
        services[index] = original.IsKeyedService
            ? new ServiceDescriptor(typeof(IChatClient), serviceKey, decorator.CreateKeyed, original.Lifetime)
            : new ServiceDescriptor(typeof(IChatClient), decorator.Create, original.Lifetime);
    }

    private static int FindLast(IServiceCollection services, object? serviceKey)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType == typeof(IChatClient) && Equals(descriptor.ServiceKey, serviceKey))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsDecorated(ServiceDescriptor descriptor) =>
        (descriptor.IsKeyedService ? descriptor.KeyedImplementationFactory?.Target : descriptor.ImplementationFactory?.Target)
            is ChatClientDecorator;

    private IChatClient Create(IServiceProvider services) => Wrap(CreateOriginal(services, null), services);

    private IChatClient CreateKeyed(IServiceProvider services, object? serviceKey) =>
        Wrap(CreateOriginal(services, serviceKey), services);

    private IChatClient CreateOriginal(IServiceProvider services, object? serviceKey)
    {
        var instance = _original.IsKeyedService
            ? _original.KeyedImplementationInstance
              ?? _original.KeyedImplementationFactory?.Invoke(services, serviceKey)
              ?? ActivatorUtilities.CreateInstance(services, _original.KeyedImplementationType!) // one of the three is always set
            : _original.ImplementationInstance
              ?? _original.ImplementationFactory?.Invoke(services)
              ?? ActivatorUtilities.CreateInstance(services, _original.ImplementationType!); // one of the three is always set
        return (IChatClient)instance;
    }

    private IChatClient Wrap(IChatClient inner, IServiceProvider services) =>
        LlmOpsChatClientBuilderExtensions.UseLlmOps(new ChatClientBuilder(inner), options: null, _original.ServiceKey).Build(services);
}
