namespace LlmOps.Sdk.Prompts;

/// <summary>A store that says which prompt changed, so a registry reads again only that prompt.</summary>
/// <remarks>
/// A registry that finds this on a store subscribes here instead of to <see cref="IPromptStore.Watch"/>. The name is
/// <see langword="null"/> when anything may have changed (a listener that reconnects cannot know what it missed).
/// </remarks>
internal interface IPromptChangeNotifier
{
    /// <summary>Calls <paramref name="changed"/> with the prompt's name after each change, until the result is disposed.</summary>
    IDisposable OnPromptChanged(Action<string?> changed);
}
