/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.sim;

import io.allot.engine.Engine;
import io.allot.engine.EngineContext;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the real engine in one thread on a virtual clock, as fast as it can, with scripted agents, frameworks and an
 * operator acting out a {@link Scenario}. Every input reaches the engine as an SBE message; what the engine says is
 * queued and acted on after each engine call returns. Before an event at time t, every engine deadline up to t is
 * run. The same scenario and seed always give the same result. An operator's role change that the engine refuses
 * stops the run with a {@link ScenarioException} naming the scenario line.
 * <pre>
 * try (Simulator simulator = Simulator.launch(new SimulatorContext().scenario(scenario)))
 * {
 *     simulator.run().lines().forEach(System.out::println);
 * }
 * </pre>
 */
public final class Simulator implements AutoCloseable
{
    private final SimulatorContext ctx;
    private final Scenario scenario;
    private final Engine engine;
    private final OutputQueue outputs;
    private final EngineProxy proxy;
    private final EventQueue events = new EventQueue();
    private final SimRecorder recorder;
    private final SimCluster cluster;
    private final SimDispatcher dispatcher;
    private final Map<String, ScriptedFramework> frameworks = new TreeMap<>();
    private final Map<String, ScriptedAgent> agents = new HashMap<>();
    private final long stepLimit;
    private long nowMs;
    private long stepsAtThisTime;
    private boolean hasRun;

    private Simulator(final SimulatorContext ctx, final SimRecorder recorder)
    {
        this.ctx = ctx;
        this.scenario = ctx.scenario();
        this.recorder = recorder;

        final EngineContext engineCtx = scenario.config().applyTo(new EngineContext())
            .seed(ctx.seed())
            .resourceNames(scenario.names())
            .initialCapacity(Math.max(1024, scenario.agentCount()), Math.max(64, scenario.frameworkIds().size()), 4096);
        outputs = new OutputQueue(scenario.names());
        engine = new Engine(engineCtx, outputs);
        proxy = new EngineProxy(engine, outputs);
        cluster = new SimCluster(proxy, events, recorder, ctx.seed());
        dispatcher = new SimDispatcher(cluster);
        stepLimit = 1_000_000L + 200L * scenario.agentCount();
    }

    /**
     * Prepare a simulation: the engine, the scripted actors and, if asked for, the output files.
     *
     * @param ctx the configuration, concluded here if it is not yet.
     * @return the simulator, to {@link #run()} once and close.
     * @throws IOException              if the output directory or files can not be created.
     * @throws IllegalArgumentException if the scenario's engine settings are refused by the engine.
     */
    public static Simulator launch(final SimulatorContext ctx) throws IOException
    {
        if (!ctx.isConcluded())
        {
            ctx.conclude();
        }

        final Scenario scenario = ctx.scenario();
        final SimRecorder recorder = null == ctx.outputDirectory() ? SimRecorder.none() :
            new CsvRecorder(ctx.outputDirectory(), scenario.source() + ", seed " + ctx.seed(), scenario.frameworkIds(), scenario.runMs());

        try
        {
            return new Simulator(ctx, recorder);
        }
        catch (final RuntimeException ex)
        {
            try
            {
                recorder.close();
            }
            catch (final IOException suppressed)
            {
                ex.addSuppressed(suppressed);
            }
            throw ex;
        }
    }

    /**
     * Run the scenario to its end.
     *
     * @return the outcome of every framework and the engine's digest.
     * @throws IllegalStateException if called twice, or if the engine stops making progress in virtual time.
     * @throws ScenarioException     if the engine refused a role's weight or guarantee, naming the scenario line.
     */
    public SimulationResult run()
    {
        if (hasRun)
        {
            throw new IllegalStateException("a simulator runs once");
        }
        hasRun = true;

        scheduleScenario();
        events.schedule(scenario.runMs(), SimEvent.PHASE_END, SimEvent.END, null);
        if (recorder.wantsShares())
        {
            events.schedule(0, SimEvent.PHASE_OBSERVE, SimEvent.SAMPLE, null);
        }

        final ProgressReporter progress = new ProgressReporter(ctx.progress(), ctx.progressAfterMs(), scenario.runMs());
        long lastSampleMs = -1;
        while (true)
        {
            final SimEvent event = events.peek();
            final long deadlineMs = engine.nextDeadlineMs();
            if (deadlineMs <= event.timeMs)
            {
                advanceTo(Math.max(deadlineMs, nowMs));
                engine.onTimer(nowMs);
                drain();
            }
            else
            {
                events.poll();
                advanceTo(event.timeMs);
                if (SimEvent.END == event.kind)
                {
                    break;
                }
                if (SimEvent.SAMPLE == event.kind)
                {
                    sample();
                    lastSampleMs = nowMs;
                    final long nextMs = nowMs + scenario.config().allocationIntervalMs();
                    if (nextMs <= scenario.runMs())
                    {
                        events.schedule(nextMs, SimEvent.PHASE_OBSERVE, SimEvent.SAMPLE, null);
                    }
                }
                else
                {
                    handle(event);
                    drain();
                }
            }
            progress.onStep(nowMs);
        }

        if (recorder.wantsShares() && lastSampleMs != nowMs)
        {
            sample();
        }

        return result();
    }

    /**
     * Close the output files, writing {@code shares.svg}.
     *
     * @throws IOException if a file can not be written.
     */
    public void close() throws IOException
    {
        recorder.close();
    }

    /**
     * Agents, roles and frameworks of time 0 and the timed actions, in the order they apply: by time; at time 0 the
     * agents, then the roles (so that a guarantee is checked against the registered agents and set before any
     * framework subscribes), then the frameworks, then the {@code at 0} actions; each in file order.
     */
    private void scheduleScenario()
    {
        final List<Scheduled> items = new ArrayList<>();
        for (final AgentSpec agent : scenario.agents())
        {
            items.add(new Scheduled(0, 0, agent.line(), SimEvent.REGISTER_AGENT, agent));
        }
        for (final RoleSpec role : scenario.roles())
        {
            items.add(new Scheduled(0, 1, role.line(), SimEvent.UPDATE_ROLE, role));
        }
        for (final FrameworkSpec framework : scenario.frameworks())
        {
            items.add(new Scheduled(0, 2, framework.line(), SimEvent.SUBSCRIBE, framework));
        }
        for (final ScenarioEvent event : scenario.events())
        {
            items.add(new Scheduled(event.timeMs(), 3, event.line(), SimEvent.SCENARIO, event));
        }

        items.sort(Comparator.comparingLong(Scheduled::timeMs).thenComparingInt(Scheduled::group).thenComparingInt(Scheduled::line));
        for (final Scheduled item : items)
        {
            events.schedule(item.timeMs(), item.kind(), item.subject());
        }
    }

    private record Scheduled(long timeMs, int group, int line, int kind, Object subject)
    {
    }

    private void handle(final SimEvent event)
    {
        switch (event.kind)
        {
            case SimEvent.REGISTER_AGENT:
                addAgent((AgentSpec)event.subject);
                break;
            case SimEvent.SUBSCRIBE:
                addFramework((FrameworkSpec)event.subject);
                break;
            case SimEvent.UPDATE_ROLE:
                updateRole((RoleSpec)event.subject);
                break;
            case SimEvent.SCENARIO:
                apply((ScenarioEvent)event.subject);
                break;
            case SimEvent.TASK_FINISH:
                ((SimTask)event.subject).agent.finish((SimTask)event.subject);
                break;
            case SimEvent.RESEND:
                ((PendingUpdate)event.subject).agent.resend((PendingUpdate)event.subject);
                break;
            default:
                throw new IllegalStateException("unknown event kind " + event.kind);
        }
    }

    private void apply(final ScenarioEvent event)
    {
        final ScriptedFramework framework = frameworks.get(event.id());
        final ScriptedAgent agent = agents.get(event.id());
        switch (event.action())
        {
            case ADD_FRAMEWORK:
                addFramework(event.framework());
                break;
            case ADD_AGENT:
                addAgent(event.agent());
                break;
            case REMOVE_FRAMEWORK:
                if (ScriptedFramework.State.SUBSCRIBED == framework.state())
                {
                    framework.teardown();
                }
                break;
            case SUPPRESS:
                if (ScriptedFramework.State.SUBSCRIBED == framework.state())
                {
                    framework.suppress();
                }
                break;
            case REVIVE:
                if (ScriptedFramework.State.SUBSCRIBED == framework.state())
                {
                    framework.revive();
                }
                break;
            case DISCONNECT_FRAMEWORK:
                if (ScriptedFramework.State.REMOVED != framework.state())
                {
                    engine.onSessionClosed(framework.disconnect(), nowMs);
                }
                break;
            case RECONNECT_FRAMEWORK:
                if (ScriptedFramework.State.DISCONNECTED == framework.state())
                {
                    framework.subscribe();
                }
                break;
            case SET_WEIGHT:
            case SET_QUOTA:
                updateRole(event.role());
                break;
            default:
                applyToAgent(event.action(), agent);
        }
    }

    private void applyToAgent(final ScenarioAction action, final ScriptedAgent agent)
    {
        final long agentId = agent.agentId();
        if (0 == agentId)
        {
            return;
        }

        switch (action)
        {
            case REMOVE_AGENT:
                proxy.removeAgent(SimCluster.OPERATOR_SESSION, cluster.nextCorrelationId(), agentId);
                break;
            case DEACTIVATE_AGENT:
                proxy.deactivateAgent(SimCluster.OPERATOR_SESSION, cluster.nextCorrelationId(), agentId);
                break;
            case REACTIVATE_AGENT:
                proxy.reactivateAgent(SimCluster.OPERATOR_SESSION, cluster.nextCorrelationId(), agentId);
                break;
            case SILENCE_AGENT:
                agent.silence();
                break;
            default:
                throw new IllegalStateException("not an agent action: " + action);
        }
    }

    private void addAgent(final AgentSpec spec)
    {
        final ScriptedAgent agent = new ScriptedAgent(spec, cluster);
        agents.put(spec.id(), agent);
        final long correlationId = cluster.nextCorrelationId();
        dispatcher.expectRegistration(correlationId, agent);
        agent.register(correlationId);
    }

    /**
     * The operator's UpdateWeight and UpdateQuota for a role line or a {@code set-weight} or {@code set-quota}.
     */
    private void updateRole(final RoleSpec role)
    {
        if (role.hasWeight())
        {
            final long correlationId = cluster.nextCorrelationId();
            dispatcher.expectRoleUpdate(correlationId, role.line());
            proxy.updateWeight(SimCluster.OPERATOR_SESSION, correlationId, role.name(), role.weightMilli());
        }
        if (role.hasQuota())
        {
            final long correlationId = cluster.nextCorrelationId();
            dispatcher.expectRoleUpdate(correlationId, role.line());
            proxy.updateQuota(SimCluster.OPERATOR_SESSION, correlationId, role.name(), role.quota(), role.force());
        }
    }

    private void addFramework(final FrameworkSpec spec)
    {
        final ScriptedFramework framework = new ScriptedFramework(spec, cluster);
        frameworks.put(spec.id(), framework);
        framework.subscribe();
    }

    private void drain()
    {
        OutputQueue.Entry entry;
        while (null != (entry = outputs.poll()))
        {
            if (++stepsAtThisTime > stepLimit)
            {
                throw new IllegalStateException(String.format(Locale.ROOT,
                    "no progress: more than %d engine outputs at virtual time %d ms (last: kind %d to session %d); " +
                    "the engine and the scripted actors are in a loop", stepLimit, nowMs, entry.kind, entry.sessionId));
            }
            dispatcher.dispatch(entry);
        }

        if (null != dispatcher.refusal())
        {
            throw new ScenarioException(scenario.source(), dispatcher.refusedLine(), dispatcher.refusal());
        }
    }

    private void advanceTo(final long timeMs)
    {
        if (timeMs != nowMs)
        {
            nowMs = timeMs;
            stepsAtThisTime = 0;
        }
        else if (++stepsAtThisTime > stepLimit)
        {
            throw new IllegalStateException(String.format(Locale.ROOT,
                "no progress: engine deadline stuck at virtual time %d ms (nextDeadlineMs=%d)", nowMs, engine.nextDeadlineMs()));
        }
        proxy.nowMs(nowMs);
    }

    private void sample()
    {
        final List<String> ids = scenario.frameworkIds();
        final double[] shares = new double[ids.size()];
        for (int i = 0; i < shares.length; i++)
        {
            shares[i] = share(frameworks.get(ids.get(i)));
        }
        recorder.shares(nowMs, shares);
    }

    private double share(final ScriptedFramework framework)
    {
        if (null == framework || 0 == framework.frameworkId() || ScriptedFramework.State.REMOVED == framework.state())
        {
            return Double.NaN;
        }

        return engine.dominantShare(framework.frameworkId());
    }

    private SimulationResult result()
    {
        final List<SimulationResult.FrameworkOutcome> outcomes = new ArrayList<>();
        for (final ScriptedFramework framework : frameworks.values())
        {
            final double share = share(framework);
            final boolean known = !Double.isNaN(share);
            outcomes.add(new SimulationResult.FrameworkOutcome(
                framework.spec.id(),
                known ? framework.running() : 0,
                framework.launched(),
                framework.finished(),
                known ? share : 0.0,
                framework.spec.role(),
                framework.revoked(),
                framework.revocations()));
        }

        return new SimulationResult(
            outcomes, engine.digest(), dispatcher.errors(), dispatcher.firstError(), proxy.messages());
    }
}
