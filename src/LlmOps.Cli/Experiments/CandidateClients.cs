using System.ClientModel;
using LlmOps.Sdk.Experiments;
using LlmOps.Sdk.Testing;
using OpenAI;

namespace LlmOps.Cli.Experiments;

/// <summary>Creates the chat client each candidate of a definition is called through.</summary>
internal static class CandidateClients
{
    /// <summary>Creates the client of <paramref name="candidate"/>.</summary>
    /// <exception cref="CliInputException">The API key's variable is not set, or the answers file is unreadable.</exception>
    public static IChatClient Create(CandidateDefinition candidate, CliHost host)
    {
        if (candidate.Kind == CandidateKind.Scripted)
        {
            var answers = ScriptedAnswers.Load(candidate.AnswersPath!); // the reader requires it for scripted candidates
            return new ScriptedChatClient(host.TimeProvider) { Responder = (_, options) => answers.For(ExperimentItem.IdOf(options)) };
        }

        var key = host.GetEnvironmentVariable(candidate.ApiKeyVariable);
        if (string.IsNullOrEmpty(key))
        {
            throw new CliInputException(
                $"Candidate '{candidate.Name}' reads its API key from the environment variable {candidate.ApiKeyVariable}, which is not set. Set it, or name another variable with 'api_key_env'.");
        }

        var options = new OpenAIClientOptions();
        if (candidate.Endpoint is { } endpoint)
        {
            options.Endpoint = endpoint;
        }

        // The model id goes in every request: a candidate is one model, the endpoint may serve many.
        return new OpenAIClient(new ApiKeyCredential(key), options).GetChatClient(candidate.Model).AsIChatClient();
    }
}
