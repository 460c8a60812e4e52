using System.Diagnostics;
using LlmOps.Sdk.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using static LlmOps.Sdk.Tests.Privacy.PrivacyTestKit;

namespace LlmOps.Sdk.Tests.Privacy;

/// <summary>What the privacy stage records (kinds and counts) and what it never records (the values), through AddLlmOps.</summary>
public sealed class PrivacyTelemetryTests
{
    private const string Email = "jane.doe@example.com";
    private const string Phone = "+49 30 1234567";
    private const string Card = "4111 1111 1111 1111";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_WithPersonalData_CountsByKindAndModeOnMetricAndSpan(bool streaming)
    {
        await using var host = Host(p => p.Modes[PiiKinds.Phone] = PrivacyMode.Redact);
        using var detections = new MetricCollector<long>(host.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), LlmOpsTelemetry.SourceName, "llmops.privacy.detections");
        using var spans = new SpanRecorder();
        var test = spans.StartCall();

        await CallAsync(host.GetRequiredService<IChatClient>(), $"{Email}, {Email} and {Phone}", streaming);
        test.Dispose();

        var email = Assert.Single(detections.GetMeasurementSnapshot(), m => (string?)m.Tags["llmops.privacy.kind"] == PiiKinds.Email);
        Assert.Equal(2, email.Value);
        Assert.Equal("pseudonymize", email.Tags["llmops.privacy.mode"]);
        var phone = Assert.Single(detections.GetMeasurementSnapshot(), m => (string?)m.Tags["llmops.privacy.kind"] == PiiKinds.Phone);
        Assert.Equal("redact", phone.Tags["llmops.privacy.mode"]);
        var span = CallSpan(spans, test);
        Assert.Equal(new[] { PiiKinds.Email, PiiKinds.Phone }, span.GetTagItem("llmops.privacy.kinds"));
        Assert.Equal(new[] { "pseudonymize", "redact" }, span.GetTagItem("llmops.privacy.modes"));
        Assert.Equal(new[] { 2, 1 }, span.GetTagItem("llmops.privacy.counts"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_ContentCaptureOn_CapturedInputAndOutputShowPlaceholders(bool streaming)
    {
        await using var host = Host();
        using var spans = new SpanRecorder();
        var test = spans.StartCall();

        var response = await CallAsync(host.GetRequiredService<IChatClient>(), $"Mail {Email} now", streaming);
        test.Dispose();

        Assert.Equal($"Mail {Email} now", response.Text);
        var span = CallSpan(spans, test);
        Assert.Contains("<EMAIL_1>", (string?)span.GetTagItem("gen_ai.input.messages"), StringComparison.Ordinal);
        Assert.Contains("<EMAIL_1>", (string?)span.GetTagItem("gen_ai.output.messages"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_TraceLoggingSpansMetricsAndBlockedCall_NoValueIsRecordedAnywhere(bool streaming)
    {
        await using var host = Host(p => p.Modes[PiiKinds.Card] = PrivacyMode.Block);
        var client = host.GetRequiredService<IChatClient>();
        using var detections = new MetricCollector<long>(host.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), LlmOpsTelemetry.SourceName, "llmops.privacy.detections");
        using var spans = new SpanRecorder();
        var test = spans.StartCall();

        await CallAsync(client, $"Reach me at {Email} or {Phone}.", streaming);
        var blocked = await Assert.ThrowsAsync<PiiPolicyException>(() => CallAsync(client, $"Card {Card}, mail {Email}.", streaming));
        test.Dispose();

        var recorded = new List<string> { blocked.ToString() };
        recorded.AddRange(host.GetFakeLogCollector().GetSnapshot().Select(static l => $"{l.Message} {string.Join(" ", l.StructuredState ?? [])} {l.Exception}"));
        foreach (var span in spans.Stopped)
        {
            recorded.Add(span.DisplayName);
            recorded.AddRange(span.TagObjects.Select(static t => $"{t.Key}={Render(t.Value)}"));
            recorded.AddRange(span.Events.SelectMany(static e => e.Tags.Select(static t => $"{t.Key}={Render(t.Value)}")));
        }

        recorded.AddRange(detections.GetMeasurementSnapshot().SelectMany(static m => m.Tags.Select(static t => $"{t.Key}={t.Value}")));
        Assert.Contains(host.GetFakeLogCollector().GetSnapshot(), static l => l.Id.Id == 1201);
        Assert.NotEmpty(detections.GetMeasurementSnapshot());
        foreach (var value in new[] { Email, Phone, Card, "jane.doe", "1234567", "4111" })
        {
            Assert.DoesNotContain(recorded, r => r.Contains(value, StringComparison.Ordinal));
        }
    }

    /// <summary>The telemetry stage's span under the test's: named "chat" alone, as the provider names no model.</summary>
    private static Activity CallSpan(SpanRecorder spans, Activity test) => Assert.Single(spans.Stopped, s => s.ParentSpanId == test.SpanId);

    private static string Render(object? value) => value switch
    {
        System.Collections.IEnumerable items and not string => string.Join(",", items.Cast<object?>()),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    private static ServiceProvider Host(Action<PrivacyOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddFakeLogging();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace));
        services.AddMetrics();
        services.AddChatClient(_ => new RecordingChatClient());
        services.AddLlmOps(llmops => llmops
            .AddPrivacy(configure)
            .ConfigureTelemetry(t => t.EnableSensitiveData = true));
        return services.BuildServiceProvider();
    }
}
