namespace LlmOps.Sdk.Prompts;

/// <summary>Checks a prompt version before it may serve: its templates parse, and its declared variables match their use.</summary>
/// <remarks>
/// A version that declares no variables is not checked against them. Names used inside sections are relative to the
/// section's item and are not compared; variables used only by partials are the partials' business.
/// </remarks>
internal static class PromptValidator
{
    /// <summary>Returns every problem found, each naming the prompt, version, file, line and column where known.</summary>
    public static IEnumerable<PromptException> Validate(PromptVersion prompt)
    {
        CompiledPrompt compiled;
        try
        {
            compiled = CompiledPrompt.For(prompt);
        }
        catch (PromptException error)
        {
            return [error];
        }

        return prompt.Variables.Count == 0 ? [] : CheckDeclarations(prompt, compiled);
    }

    private static List<PromptException> CheckDeclarations(PromptVersion prompt, CompiledPrompt compiled)
    {
        List<PromptException> errors = [];
        var declared = prompt.Variables.Select(static v => v.Name).ToHashSet(StringComparer.Ordinal);

        // Sample values (a v1 .prompty's `sample:`) give defaults without declaring: with nothing else declared, the
        // templates may use any name, and a sample value the templates do not use is only sample data.
        var declaresAny = prompt.Variables.Any(static v => !v.IsSample);
        var section = prompt.Source?.EndsWith(".prompty", StringComparison.OrdinalIgnoreCase) == true ? "inputs" : "variables";
        HashSet<string> used = new(StringComparer.Ordinal);
        HashSet<string> reported = new(StringComparer.Ordinal);
        for (var i = 0; i < compiled.Template.Messages.Count; i++)
        {
            foreach (var variable in compiled.Template.Messages[i].Template.Variables)
            {
                if (variable.IsInsideSection || variable.Path == ".")
                {
                    continue;
                }

                used.Add(variable.RootName);
                if (declaresAny && !declared.Contains(variable.RootName) && reported.Add(variable.RootName))
                {
                    var at = prompt.Origin is { } source && i < source.Templates.Count ? source.Templates[i].Start : (SourceSpan?)null;
                    errors.Add(Error(prompt, at,
                        $"message {i + 1} uses variable '{variable.RootName}', which the prompt does not declare. Declare it under '{section}', or remove it from the template."));
                }
            }
        }

        // A variable may be there for a partial, whose templates are resolved only when a call renders.
        var hasPartials = compiled.Template.PartialNames.Count > 0;
        foreach (var variable in prompt.Variables)
        {
            if (!hasPartials && !variable.IsSample && !used.Contains(variable.Name))
            {
                var at = prompt.Origin?.Variables.GetValueOrDefault(variable.Name);
                errors.Add(Error(prompt, at is { FilePath: not null } span ? span : null,
                    $"declares variable '{variable.Name}', which no template uses. Use it in a template, or remove the declaration."));
            }
        }

        return errors;
    }

    private static PromptException Error(PromptVersion prompt, SourceSpan? at, string problem)
    {
        var where = at is { } span ? $"{span}: " : string.Empty;
        return new PromptException($"{where}Prompt '{prompt.Name}' version {prompt.Version} {problem}")
        {
            PromptName = prompt.Name,
            Version = prompt.Version,
            FilePath = at?.FilePath ?? prompt.Source,
            Line = at?.Line,
            Column = at?.Column,
        };
    }
}
