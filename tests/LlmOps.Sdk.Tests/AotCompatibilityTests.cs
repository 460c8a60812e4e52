using System.Xml.Linq;

namespace LlmOps.Sdk.Tests;

/// <summary>Pins the settings that make the trim, AOT and single-file analyzers check every shipped library.</summary>
/// <remarks>With warnings as errors, these settings are what keeps the packages trim- and AOT-safe; turning one off would silence the check.</remarks>
public sealed class AotCompatibilityTests
{
    public static TheoryData<string> ShippedLibraries() => new(ShippedProjects());

    [Theory]
    [MemberData(nameof(ShippedLibraries))]
    public void Project_ShippedLibrary_IsAotCompatible(string project)
    {
        var value = Property(project, "IsAotCompatible");

        Assert.True(value == "true", $"{project} sets IsAotCompatible to '{value ?? "(unset)"}', not 'true'.");
    }

    [Fact]
    public void Project_Core_BindsConfigurationWithGeneratedCode()
    {
        var value = Property("src/LlmOps.Sdk/LlmOps.Sdk.csproj", "EnableConfigurationBindingGenerator");

        Assert.True(value == "true", $"LlmOps.Sdk sets EnableConfigurationBindingGenerator to '{value ?? "(unset)"}', not 'true'.");
    }

    [Fact]
    public void ShippedLibraries_IncludeEveryPackage()
    {
        // A package added later must not slip past the theory above.
        Assert.Contains("src/LlmOps.Sdk/LlmOps.Sdk.csproj", ShippedProjects());
        Assert.Contains("src/LlmOps.Sdk.Testing/LlmOps.Sdk.Testing.csproj", ShippedProjects());
        Assert.Contains("src/LlmOps.Sdk.Evaluation.JsonSchema/LlmOps.Sdk.Evaluation.JsonSchema.csproj", ShippedProjects());
    }

    private static string Root => RepositoryRoot.Path ?? throw new InvalidOperationException("Run the tests from a clone: LlmOps.Sdk.sln was not found.");

    private static IEnumerable<string> ShippedProjects() =>
        Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(static path => Path.GetRelativePath(Root, path).Replace('\\', '/'))
            .Where(static path => !path.Contains("/bin/", StringComparison.Ordinal) && !path.Contains("/obj/", StringComparison.Ordinal))
            .Where(static path => Property(path, "OutputType") is null or "Library") // a tool is an app, not a library
            .Order(StringComparer.Ordinal);

    private static string? Property(string project, string name) =>
        XDocument.Load(Path.Combine(Root, project)).Descendants(name).Select(static e => e.Value.Trim()).LastOrDefault();
}
