using System.Buffers;
using Jint.Native;
using TrdpSim.Devices;
using TrdpSim.Plan;

namespace TrdpSim.Scenarios.Runtime;

/// <summary>Hands one subscription's telegrams and timeouts to the scenario hooks that asked for them:
/// filtered by source, sampled every Nth, copied into a pooled buffer, posted to the worker queue.</summary>
/// <remarks>Receive thread only (one per device), so the sample counters need no synchronisation.</remarks>
internal sealed class SubscriptionHookTap : ISubscriptionTap
{
    private readonly string _device;
    private readonly JsString _deviceValue;
    private readonly ScenarioWorker _worker;
    private Binding[] _bindings = [];

    public SubscriptionHookTap(string device, ScenarioWorker worker)
    {
        _device = device;
        _deviceValue = new JsString(device);
        _worker = worker;
    }

    public void Add(ScenarioRuntime scenario, HookPlan hook, Subscription subscription) =>
        _bindings = [.. _bindings, new Binding(scenario, hook, new JsString(subscription.Name))];

    public void OnTelegram(Subscription subscription, uint sequence, uint source, ReadOnlySpan<byte> dataset, long now)
    {
        foreach (var binding in _bindings)
        {
            var hook = binding.Hook;
            if (hook.Kind != HookKind.Telegram || !binding.Scenario.IsActive || (hook.Source != 0 && hook.Source != source))
            {
                continue;
            }

            if (++binding.Seen < hook.Sample)
            {
                continue;
            }

            binding.Seen = 0;
            var payload = ArrayPool<byte>.Shared.Rent(Math.Max(dataset.Length, 1));
            dataset.CopyTo(payload);
            _worker.TryPost(HookEvent(binding, ScenarioEventKind.Telegram, subscription, now) with
            {
                Sequence = sequence,
                Source = source,
                Payload = payload,
                PayloadLength = dataset.Length,
            });
        }
    }

    public void OnTimeout(Subscription subscription, long now, bool selfInflicted)
    {
        foreach (var binding in _bindings)
        {
            if (binding.Hook.Kind != HookKind.Timeout || !binding.Scenario.IsActive)
            {
                continue;
            }

            _worker.TryPost(HookEvent(binding, ScenarioEventKind.Timeout, subscription, now) with { SelfInflicted = selfInflicted });
        }
    }

    private ScenarioEvent HookEvent(Binding binding, ScenarioEventKind kind, Subscription subscription, long now) =>
        ScenarioEvent.About(binding.Scenario, kind, binding.Hook.Callback, now, subscription.Name, _device, binding.NameValue, _deviceValue,
            subscription.ComId);

    private sealed class Binding(ScenarioRuntime scenario, HookPlan hook, JsString nameValue)
    {
        public JsString NameValue { get; } = nameValue;

        public ScenarioRuntime Scenario { get; } = scenario;

        public HookPlan Hook { get; } = hook;

        public int Seen;
    }
}
