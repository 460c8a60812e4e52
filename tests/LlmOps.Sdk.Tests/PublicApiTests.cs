using LlmOps.Sdk.Evaluation;
using LlmOps.Sdk.Experiments;
using LlmOps.Sdk.Testing;
using PublicApiGenerator;

namespace LlmOps.Sdk.Tests;

/// <summary>Pins the public surface: a change to it shows up as a diff of the approved file, reviewed with the code.</summary>
public sealed class PublicApiTests
{
    [Theory]
    [InlineData(typeof(LlmOpsOptions))]
    [InlineData(typeof(ScriptedChatClient))]
    [InlineData(typeof(JsonSchemaEvaluator))]
    [InlineData(typeof(ExperimentRunner))]
    [InlineData(typeof(LlmOps.Sdk.Prompts.PostgreSql.PostgreSqlPromptStore))]
    [InlineData(typeof(LlmOps.Sdk.Prompts.Sqlite.SqlitePromptStore))]
    [InlineData(typeof(RedisBudgetsLlmOpsBuilderExtensions))]
    [InlineData(typeof(TiktokenLlmOpsBuilderExtensions))]
    public void PublicApi_Assembly_MatchesApprovedFile(Type typeInAssembly)
    {
        var assembly = typeInAssembly.Assembly;
        var options = new ApiGeneratorOptions
        {
            ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute"],
            DenyNamespacePrefixes = [], // the default skips Microsoft.*, where AddLlmOps and the Use… extensions live
        };
        var api = assembly.GeneratePublicApi(options).ReplaceLineEndings("\n");
        var root = RepositoryRoot.Path ?? throw new InvalidOperationException("Run the tests from a clone: LlmOps.Sdk.sln was not found above the test assembly.");
        var approvedPath = Path.Combine(root, "tests", "LlmOps.Sdk.Tests", "PublicApi", $"{assembly.GetName().Name}.approved.txt");
        var receivedPath = Path.Combine(Path.GetDirectoryName(approvedPath)!, $"{assembly.GetName().Name}.received.txt"); // approvedPath has a directory

        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : null;
        if (approved != api)
        {
            File.WriteAllText(receivedPath, api);
        }
        else if (File.Exists(receivedPath))
        {
            File.Delete(receivedPath);
        }

        Assert.True(approved == api,
            $"The public API of {assembly.GetName().Name} changed. Review {receivedPath} and, if the change is intended, " +
            $"copy it over {approvedPath}.");
    }
}
