using System.Text.Json;
using LlmOps.Sdk.Prompts.Mustache;

namespace LlmOps.Sdk.Prompts;

/// <summary>Finds which top-level names a variables object lacks; used only to explain a failed render.</summary>
internal static class VariablePresence
{
    public static List<string> Missing(object? variables, IReadOnlyList<string> names)
    {
        List<string> missing = [];
        foreach (var name in names)
        {
            if (!Has(variables, name))
            {
                missing.Add(name);
            }
        }

        return missing;
    }

    private static bool Has(object? variables, string name) => variables switch
    {
        null => false,
        JsonElement { ValueKind: JsonValueKind.Object } json => json.TryGetProperty(name, out _),
        JsonElement => false,
        _ => TypeAccessor.ForRuntimeType(variables.GetType()).GetMember(name).TryGetValue(variables, out _),
    };
}
