using System.Buffers;
using YamlDotNet.RepresentationModel;

namespace LlmOps.Sdk.Experiments;

/// <summary>Turns the YAML of an experiment definition into an <see cref="ExperimentDefinition"/>, checking every key and value.</summary>
internal static class ExperimentDefinitionReader
{
    private static readonly string[] TopKeys =
        ["name", "description", "dataset", "prompts", "candidates", "evaluators", "baseline", "concurrency", "repetitions", "thresholds"];

    private static readonly string[] CandidateKeys =
        ["name", "kind", "model", "endpoint", "api_key_env", "answers", "prompt", "version", "label", "temperature", "max_tokens"];

    private static readonly string[] ThresholdKeys = ["fail_on", "fail_on_regression"];

    private static readonly SearchValues<char> NameCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-");

    public static ExperimentDefinition Read(string yaml, string filePath)
    {
        var file = DefinitionYaml.Parse(yaml, filePath);
        if (file.Root is null)
        {
            throw file.Error("The experiment definition is empty. Give at least 'name', 'dataset' and 'candidates'.");
        }

        var root = file.Mapping(file.Root, "An experiment definition");
        file.OnlyKeys(root, "the experiment definition", TopKeys);
        var folder = Path.GetDirectoryName(filePath) ?? Directory.GetCurrentDirectory();

        var name = ReadName(file, root, file.Root, "The experiment definition");
        var datasetPath = ReadPath(file, root, "dataset", folder, directory: false)
            ?? throw file.Error(file.Root, "The experiment definition has no 'dataset'. Add 'dataset: <file>.jsonl' (or .csv).");
        var promptsDirectory = ReadPath(file, root, "prompts", folder, directory: true);
        var candidates = ReadCandidates(file, root, folder, promptsDirectory);
        var evaluators = ReadEvaluators(file, root);
        var baseline = ReadBaseline(file, root, candidates);

        return new ExperimentDefinition
        {
            Name = name,
            FilePath = filePath,
            DatasetPath = datasetPath,
            PromptsDirectory = promptsDirectory,
            Candidates = candidates,
            Evaluators = evaluators,
            Baseline = baseline,
            Concurrency = file.OptionalInt(root, "concurrency", 1, ExperimentDefinitionConstants.MaxConcurrency),
            Repetitions = file.OptionalInt(root, "repetitions", 1, ExperimentDefinitionConstants.MaxRepetitions),
            Thresholds = ReadThresholds(file, root),
        };
    }

    private static string ReadName(DefinitionYaml file, YamlMappingNode mapping, YamlNode owner, string what)
    {
        var name = file.RequiredString(mapping, owner, "name", what);
        if (name.AsSpan().IndexOfAnyExcept(NameCharacters) >= 0)
        {
            throw file.Error(YamlNodeOf(mapping, "name")!, $"The name '{name}' has characters other than letters, digits, '.', '_' and '-'. Rename it: names end up in file names and reports."); // RequiredString found it
        }

        return name;
    }

    private static string? ReadPath(DefinitionYaml file, YamlMappingNode mapping, string key, string folder, bool directory)
    {
        if (DefinitionYaml.Get(mapping, key) is not { } node)
        {
            return null;
        }

        var path = Path.GetFullPath(Path.Combine(folder, file.Scalar(node, $"'{key}'")));
        var exists = directory ? Directory.Exists(path) : File.Exists(path);
        return exists
            ? path
            : throw file.Error(node, $"'{key}' names '{path}', which does not exist. Paths are relative to the definition's folder; fix the path.");
    }

    private static List<CandidateDefinition> ReadCandidates(DefinitionYaml file, YamlMappingNode root, string folder, string? promptsDirectory)
    {
        if (DefinitionYaml.Get(root, "candidates") is not YamlSequenceNode { Children.Count: > 0 } sequence)
        {
            var at = DefinitionYaml.Get(root, "candidates") ?? file.Root!; // Read checked the root
            throw file.Error(at, "'candidates' must be a list of at least one candidate ('- name: …, model: …').");
        }

        var candidates = new List<CandidateDefinition>();
        foreach (var node in sequence.Children)
        {
            var candidate = ReadCandidate(file, node, folder, promptsDirectory);
            if (candidates.Exists(c => c.Name == candidate.Name))
            {
                throw file.Error(node, $"Two candidates are named '{candidate.Name}'. Give each candidate its own name.");
            }

            candidates.Add(candidate);
        }

        return candidates;
    }

    private static CandidateDefinition ReadCandidate(DefinitionYaml file, YamlNode node, string folder, string? promptsDirectory)
    {
        var mapping = file.Mapping(node, "A candidate");
        if (YamlNodeOf(mapping, "api_key") is { } keyNode)
        {
            throw file.Error(keyNode, "A definition never holds an API key. Put the key in an environment variable and name it with 'api_key_env: OPENAI_API_KEY'.");
        }

        file.OnlyKeys(mapping, "a candidate", CandidateKeys);
        var name = ReadName(file, mapping, node, "A candidate");
        var kind = ReadKind(file, mapping);
        var model = file.OptionalString(mapping, "model");
        var answers = ReadPath(file, mapping, "answers", folder, directory: false);
        Uri? endpoint = null;
        if (DefinitionYaml.Get(mapping, "endpoint") is { } endpointNode)
        {
            var text = file.Scalar(endpointNode, "'endpoint'");
            endpoint = Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                ? uri
                : throw file.Error(endpointNode, $"'endpoint' is '{text}'; it must be an absolute http or https address, such as https://api.openai.com/v1.");
        }

        switch (kind)
        {
            case CandidateKind.OpenAI when string.IsNullOrWhiteSpace(model):
                throw file.Error(node, $"Candidate '{name}' has no 'model'. Add the model id the endpoint serves, such as 'model: gpt-4.1-mini'.");
            case CandidateKind.Scripted when answers is null:
                throw file.Error(node, $"Candidate '{name}' is scripted but has no 'answers'. Add 'answers: <file>.jsonl' with one {{\"id\": …, \"answer\": …}} per line.");
            case CandidateKind.Scripted when endpoint is not null:
                throw file.Error(YamlNodeOf(mapping, "endpoint")!, $"Candidate '{name}' is scripted, so it calls no endpoint. Remove 'endpoint' or set 'kind: openai'."); // checked above
            case CandidateKind.OpenAI when answers is not null:
                throw file.Error(YamlNodeOf(mapping, "answers")!, $"Candidate '{name}' calls an endpoint, so it reads no answers file. Remove 'answers' or set 'kind: scripted'."); // checked above
        }

        var apiKeyVariable = file.OptionalString(mapping, "api_key_env") ?? ExperimentDefinitionConstants.DefaultApiKeyVariable;
        if (apiKeyVariable.StartsWith("sk-", StringComparison.Ordinal))
        {
            throw file.Error(YamlNodeOf(mapping, "api_key_env")!, "'api_key_env' looks like a key, not a variable name. Remove the key from the file at once, and name the environment variable that holds it."); // read above
        }

        var prompt = file.OptionalString(mapping, "prompt");
        var version = file.OptionalInt(mapping, "version", 1, int.MaxValue);
        var label = file.OptionalString(mapping, "label");
        if (prompt is null && (version is not null || label is not null))
        {
            throw file.Error(node, $"Candidate '{name}' sets a prompt version or label but no 'prompt'. Add 'prompt: <name>'.");
        }

        if (version is not null && label is not null)
        {
            throw file.Error(YamlNodeOf(mapping, "label")!, $"Candidate '{name}' sets both 'version' and 'label'. Keep one of them."); // read above
        }

        if (prompt is not null && promptsDirectory is null)
        {
            throw file.Error(YamlNodeOf(mapping, "prompt")!, $"Candidate '{name}' renders prompt '{prompt}', but the definition has no 'prompts' directory. Add 'prompts: <folder>'."); // read above
        }

        return new CandidateDefinition
        {
            Name = name,
            Kind = kind,
            Model = model,
            Endpoint = endpoint,
            ApiKeyVariable = apiKeyVariable,
            AnswersPath = answers,
            Prompt = prompt,
            PromptVersion = version,
            PromptLabel = label,
            Temperature = (float?)file.OptionalDouble(mapping, "temperature", 0, 2),
            MaxOutputTokens = file.OptionalInt(mapping, "max_tokens", 1, 1_000_000),
        };
    }

    private static CandidateKind ReadKind(DefinitionYaml file, YamlMappingNode mapping)
    {
        if (DefinitionYaml.Get(mapping, "kind") is not { } node)
        {
            return CandidateKind.OpenAI;
        }

        var text = file.Scalar(node, "'kind'");
        return text switch
        {
            "openai" => CandidateKind.OpenAI,
            "scripted" => CandidateKind.Scripted,
            _ => throw file.Error(node, $"'kind' is '{text}'; it must be 'openai' (any OpenAI-compatible endpoint) or 'scripted' (answers from a file)."),
        };
    }

    private static List<EvaluatorDefinition> ReadEvaluators(DefinitionYaml file, YamlMappingNode root)
    {
        var evaluators = new List<EvaluatorDefinition>();
        switch (DefinitionYaml.Get(root, "evaluators"))
        {
            case null:
                return evaluators;
            case YamlSequenceNode sequence:
                foreach (var node in sequence.Children)
                {
                    evaluators.Add(EvaluatorReader.Read(file, node));
                }

                return evaluators;
            case { } other:
                throw file.Error(other, "'evaluators' must be a list, such as [token_f1, exact_match].");
        }
    }

    private static string ReadBaseline(DefinitionYaml file, YamlMappingNode root, List<CandidateDefinition> candidates)
    {
        if (DefinitionYaml.Get(root, "baseline") is not { } node)
        {
            return candidates[0].Name;
        }

        var baseline = file.Scalar(node, "'baseline'");
        return candidates.Exists(c => c.Name == baseline)
            ? baseline
            : throw file.Error(node, $"'baseline' is '{baseline}', which is not a candidate. Use one of: {string.Join(", ", candidates.Select(static c => c.Name))}.");
    }

    private static ExperimentThresholds ReadThresholds(DefinitionYaml file, YamlMappingNode root)
    {
        var mapping = file.Mapping(DefinitionYaml.Get(root, "thresholds"), "'thresholds'");
        file.OnlyKeys(mapping, "'thresholds'", ThresholdKeys);
        return new ExperimentThresholds
        {
            FailOn = file.StringList(mapping, "fail_on"),
            FailOnRegression = file.StringList(mapping, "fail_on_regression"),
        };
    }

    private static YamlNode? YamlNodeOf(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
}
