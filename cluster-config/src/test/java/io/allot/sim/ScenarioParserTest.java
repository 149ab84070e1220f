/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.sim;

import io.allot.engine.EngineContext;
import io.allot.resources.ResourceNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioParserTest
{
    static final String ISSUE_EXAMPLE = """
        # comment
        seed 7
        config allocation_interval=1s min_allocatable=cpus:0.01 offer_timeout=none
        agent a1 cpus:9;mem:18432 attrs=rack:r1
        agents 1000 cpus:16;mem:65536 attrs=rack:r2 prefix=r2-   # ids r2-0000 ... r2-0999
        framework A task=cpus:1;mem:4096 tasks=unlimited per_offer=1 duration=inf refuse=0s
        framework B task=cpus:3;mem:1024 tasks=20 per_offer=all duration=30s refuse=5s
        at 5s add-framework C task=cpus:0.5;mem:512 tasks=100 per_offer=all duration=10s refuse=1s
        at 10s remove-agent a1
        at 12s add-agent a2 cpus:4;mem:8192
        at 20s suppress B
        at 25s revive B
        at 30s remove-framework A
        run 60s
        """;

    @Test
    void shouldParseTheIssueExample()
    {
        final Scenario scenario = ScenarioParser.parse("issue.scenario", ISSUE_EXAMPLE);

        assertEquals(7, scenario.seed());
        assertEquals(60_000, scenario.runMs());
        assertEquals(1000, scenario.config().allocationIntervalMs());
        assertEquals("cpus:0.01", scenario.config().minAllocatable());
        assertEquals(EngineContext.NO_TIMEOUT, scenario.config().offerTimeoutMs());

        final List<AgentSpec> agents = scenario.agents();
        assertEquals(1001, agents.size());
        assertEquals("a1", agents.get(0).id());
        assertEquals("cpus:9;mem:18432", agents.get(0).resources().toString());
        assertEquals("rack:r1", agents.get(0).attributes());
        assertEquals("r2-0000", agents.get(1).id());
        assertEquals("r2-0999", agents.get(1000).id());
        assertEquals("rack:r2", agents.get(1000).attributes());
        assertEquals(1002, scenario.agentCount());

        final FrameworkSpec a = scenario.frameworks().get(0);
        assertEquals("A", a.id());
        assertEquals("cpus:1;mem:4096", a.task().toString());
        assertEquals(FrameworkSpec.UNLIMITED, a.tasks());
        assertEquals(1, a.perOffer());
        assertEquals(Durations.INFINITE, a.durationMs());
        assertEquals(0, a.refuseMs());
        assertEquals(0, a.failoverTimeoutMs());
        assertFalse(a.partitionAware());
        assertEquals(FrameworkSpec.DEFAULT_ROLE, a.role());

        final FrameworkSpec b = scenario.frameworks().get(1);
        assertEquals(20, b.tasks());
        assertEquals(FrameworkSpec.ALL, b.perOffer());
        assertEquals(30_000, b.durationMs());
        assertEquals(5_000, b.refuseMs());

        assertEquals(List.of("A", "B", "C"), scenario.frameworkIds());
        final List<ScenarioEvent> events = scenario.events();
        assertEquals(6, events.size());
        assertEquals(ScenarioAction.ADD_FRAMEWORK, events.get(0).action());
        assertEquals(5_000, events.get(0).timeMs());
        assertEquals("C", events.get(0).framework().id());
        assertEquals(ScenarioAction.REMOVE_AGENT, events.get(1).action());
        assertEquals("a1", events.get(1).id());
        assertEquals(ScenarioAction.ADD_AGENT, events.get(2).action());
        assertEquals("cpus:4;mem:8192", events.get(2).agent().resources().toString());
        assertEquals("", events.get(2).agent().attributes());
        assertEquals(ScenarioAction.REMOVE_FRAMEWORK, events.get(5).action());
        assertEquals(13, events.get(5).line());
    }

    @Test
    void shouldSortAtLinesStablyByTime()
    {
        final Scenario scenario = ScenarioParser.parse("s", """
            agent a1 cpus:1;mem:1024
            framework F task=cpus:1
            at 20s revive F
            at 10s suppress F
            at 10s revive F
            at 0 deactivate-agent a1
            at 20s suppress F
            run 30s
            """);

        final List<ScenarioEvent> events = scenario.events();
        assertEquals(List.of(6, 4, 5, 3, 7), events.stream().map(ScenarioEvent::line).toList());
    }

    @Test
    void shouldReadEveryOptionAndConfigKey()
    {
        final Scenario scenario = ScenarioParser.parse("s", """
            config allocation_interval=500ms min_allocatable=none offer_timeout=30s refuse_seconds=2.5
            config agent_ping_timeout=5s max_agent_ping_timeouts=3 heartbeat_interval=1m
            agents 12000 cpus:1;gpu_slots:2 prefix=n
            framework F task=cpus:0.5;gpu_slots:1 tasks=3 per_offer=2 duration=1.5s refuse=1h \
                failover_timeout=inf partition_aware role=batch
            at 1s disconnect-framework F
            at 2s reconnect-framework F
            at 3s silence-agent n00000
            run 2h
            """);

        final ScenarioConfig config = scenario.config();
        assertEquals(500, config.allocationIntervalMs());
        assertEquals("", config.minAllocatable());
        assertEquals(30_000, config.offerTimeoutMs());
        assertEquals(2_500, config.refuseMs());
        assertEquals(5_000, config.agentPingTimeoutMs());
        assertEquals(3, config.maxAgentPingTimeouts());
        assertEquals(60_000, config.heartbeatIntervalMs());
        assertEquals("n00000", scenario.agents().get(0).id());
        assertEquals("n11999", scenario.agents().get(11_999).id());
        assertTrue(scenario.names().indexOf("gpu_slots") > ResourceNames.GPUS);

        final FrameworkSpec f = scenario.frameworks().get(0);
        assertEquals(3, f.tasks());
        assertEquals(2, f.perOffer());
        assertEquals(1_500, f.durationMs());
        assertEquals(3_600_000, f.refuseMs());
        assertEquals(Durations.INFINITE, f.failoverTimeoutMs());
        assertTrue(f.partitionAware());
        assertEquals("batch", f.role());
        assertEquals(7_200_000, scenario.runMs());
        assertNull(scenario.events().get(0).agent());
    }

    @Test
    void shouldParseRolesWeightsQuotasAndPreferences()
    {
        final Scenario scenario = ScenarioParser.parse("s", """
            config revocation_grace=2.5s
            agent a1 cpus:8;mem:8192 attrs=rack:r1;zone:z
            agent a2 cpus:8;mem:8192
            role prod weight=2.5 quota=cpus:4;mem:2048
            role batch weight=0.125
            role web quota=cpus:1
            framework P task=cpus:1 role=prod prefer=rack:r1
            framework B task=cpus:1 role=batch prefer=a1,a2
            at 5s add-framework L task=cpus:1 role=late prefer=rack:r1;zone:z
            at 10s set-weight prod 3
            at 11s set-quota prod cpus:6;mem:4096 force
            at 12s set-quota web none
            at 13s set-weight late 1.5
            run 60s
            """);

        assertEquals(2_500, scenario.config().revocationGraceMs());
        assertEquals(2_500, scenario.config().applyTo(new EngineContext()).revocationGraceMs());

        final List<RoleSpec> roles = scenario.roles();
        assertEquals(3, roles.size());
        assertEquals(new RoleSpec("prod", 2_500, roles.get(0).quota(), false, 4), roles.get(0));
        assertEquals("cpus:4;mem:2048", roles.get(0).quota().toString());
        assertEquals(125, roles.get(1).weightMilli());
        assertFalse(roles.get(1).hasQuota());
        assertFalse(roles.get(2).hasWeight());
        assertEquals("cpus:1", roles.get(2).quota().toString());

        assertEquals("prod", scenario.frameworks().get(0).role());
        assertEquals("rack:r1", scenario.frameworks().get(0).prefer());
        assertEquals("a1,a2", scenario.frameworks().get(1).prefer());

        final List<ScenarioEvent> events = scenario.events();
        assertEquals("rack:r1;zone:z", events.get(0).framework().prefer());
        assertEquals(ScenarioAction.SET_WEIGHT, events.get(1).action());
        assertEquals(new RoleSpec("prod", 3_000, null, false, 10), events.get(1).role());
        assertEquals(ScenarioAction.SET_QUOTA, events.get(2).action());
        assertEquals("cpus:6;mem:4096", events.get(2).role().quota().toString());
        assertTrue(events.get(2).role().force());
        assertFalse(events.get(2).role().hasWeight());
        assertTrue(events.get(3).role().hasQuota());
        assertTrue(events.get(3).role().quota().isEmpty(), "none removes the guarantee");
        assertFalse(events.get(3).role().force());
        assertEquals("late", events.get(4).id(), "a role used only by a later framework is known");
        assertEquals(1_500, events.get(4).role().weightMilli());
        assertEquals(13, events.get(4).line());
    }

    @Test
    void shouldDefaultTheRevocationGraceAndPreferencesToTheEngines()
    {
        final Scenario scenario = ScenarioParser.parse("s", "agent a1 cpus:1\nframework F task=cpus:1\nrun 1s\n");

        assertEquals(EngineContext.DEFAULT_REVOCATION_GRACE_MS, scenario.config().revocationGraceMs());
        assertEquals("", scenario.frameworks().get(0).prefer());
        assertTrue(scenario.roles().isEmpty());
    }

    @Test
    void shouldRefuseASecondLineForTheSameRole()
    {
        final ScenarioException ex = assertThrows(ScenarioException.class, () -> ScenarioParser.parse("s", """
            role prod weight=2

            role prod quota=cpus:1
            run 60s
            """));

        assertEquals("s:3: duplicate role 'prod' (first declared at line 1)", ex.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        frobnicate 3                                          | 3 | unknown keyword 'frobnicate'
        seed seven                                            | 3 | bad number 'seven' for seed
        agents 0 cpus:1                                       | 3 | agents must be between 1 and
        agents x cpus:1                                       | 3 | bad number 'x' for agents
        agent a1 cpus:1                                       | 3 | duplicate agent id 'a1' (first declared at line 1)
        framework F task=cpus:1                               | 3 | duplicate framework id 'F' (first declared at line 2)
        agent a2 cpus:x;mem:1                                 | 3 | bad agent resources: invalid resources at position 5
        agent a2 cpus:1 rack=r1                               | 3 | unknown option 'rack' (expected attrs=)
        framework G task=cpus:1;ports:[1-2]                   | 3 | ports in task resources are not supported by the simulator
        framework G task=cpus:1 duration=5                    | 3 | bad duration '5'
        framework G task=cpus:1 per_offer=some                | 3 | bad number 'some' for per_offer
        framework G tasks=3                                   | 3 | framework 'G' needs task=RESOURCES
        framework G task=cpus:1 refuse=inf                    | 3 | 'inf' is not allowed here
        config speed=11                                       | 3 | unknown config key 'speed'
        config min_allocatable=cpus:zero                      | 3 | bad min_allocatable
        config allocation_interval=0                          | 3 | allocation_interval must be longer than 0
        at 1s remove-agent a9                                 | 3 | unknown agent 'a9'
        at 1s suppress G                                      | 3 | unknown framework 'G'
        at 1s explode a1                                      | 3 | unknown action 'explode'
        at 1s remove-agent a1 now                             | 3 | unexpected 'now'
        at 90s remove-agent a1                                | 3 | at 90s is after the end of the run (run 60s)
        at 1s reconnect-framework F                           | 3 | framework 'F' is not disconnected
        at soon remove-agent a1                               | 3 | bad duration 'soon'
        role                                                  | 3 | expected 'role NAME [weight=W] [quota=RESOURCES]'
        role r1 weight=0                                      | 3 | weight must be positive: 0
        role r1 weight=-2                                     | 3 | weight must be positive: -2
        role r1 weight=three                                  | 3 | bad weight 'three'
        role r1 weight=0.0001                                 | 3 | bad weight '0.0001'
        role r1 quota=cpus:x                                  | 3 | bad quota resources: invalid resources at position 5
        role r1 quota=cpus:1;ports:[1-2]                      | 3 | ports cannot be guaranteed
        role r1 weight=1 speed=3                              | 3 | unknown option 'speed' (expected weight=, quota=)
        role r/1 weight=1                                     | 3 | bad role id 'r/1'
        at 1s set-weight nobody 2                             | 3 | unknown role 'nobody'
        at 1s set-quota nobody cpus:1                         | 3 | unknown role 'nobody'
        at 1s set-weight * 0                                  | 3 | weight must be positive: 0
        at 1s set-weight * -1                                 | 3 | weight must be positive: -1
        at 1s set-weight *                                    | 3 | expected 'at TIME set-weight ROLE WEIGHT'
        at 1s set-quota * cpus:1 now                          | 3 | unexpected 'now'
        at 1s set-quota * cpus:1 force again                  | 3 | unexpected 'force'
        at 1s set-quota *                                     | 3 | expected 'at TIME set-quota ROLE RESOURCES
        at 1s set-quota * cpus:one                            | 3 | bad quota resources
        at 90s set-weight * 2                                 | 3 | at 90s is after the end of the run (run 60s)
        framework G task=cpus:1 prefer=a9                     | 3 | framework 'G' prefers unknown agent 'a9'
        framework G task=cpus:1 prefer=a1,,a1                 | 3 | bad prefer 'a1,,a1'
        framework G task=cpus:1 prefer=rack:                  | 3 | bad prefer 'rack:'
        framework G task=cpus:1 prefer=rack:r1;a1             | 3 | bad prefer 'rack:r1;a1'
        at 1s add-framework G task=cpus:1 prefer=a1,a7        | 3 | framework 'G' prefers unknown agent 'a7'
        config revocation_grace=soon                          | 3 | bad duration 'soon'
        run 10s                                               | 4 | duplicate 'run' (first at line 3)
        """)
    void shouldNameTheLineAndTheReason(final String badLine, final int line, final String reason)
    {
        final String text = "agent a1 cpus:1;mem:1024\nframework F task=cpus:1\n" + badLine + "\nrun 60s\n";

        final ScenarioException ex = assertThrows(ScenarioException.class, () -> ScenarioParser.parse("bad.scenario", text));

        assertEquals(line, ex.line(), ex.getMessage());
        assertTrue(ex.getMessage().startsWith("bad.scenario:" + line + ": "), ex.getMessage());
        assertTrue(ex.reason().contains(reason), ex.getMessage());
    }

    @Test
    void shouldReportAMissingRunAtTheLastLine()
    {
        final ScenarioException ex = assertThrows(
            ScenarioException.class, () -> ScenarioParser.parse("s", "agent a1 cpus:1\nframework F task=cpus:1\n"));

        assertEquals("s:2: missing 'run DURATION': how long to simulate, e.g. 'run 60s'", ex.getMessage());
    }

    @Test
    void shouldRefuseAnActionOnAnAgentBeforeItIsAddedOrAfterItIsRemoved()
    {
        final ScenarioException early = assertThrows(ScenarioException.class, () -> ScenarioParser.parse("s", """
            at 5s remove-agent a2
            at 12s add-agent a2 cpus:4;mem:8192
            run 60s
            """));
        assertEquals("s:1: agent 'a2' is not added yet (it is added at line 2)", early.getMessage());

        final ScenarioException late = assertThrows(ScenarioException.class, () -> ScenarioParser.parse("s", """
            agent a1 cpus:1
            at 10s remove-agent a1
            at 20s deactivate-agent a1
            run 60s
            """));
        assertEquals("s:3: agent 'a1' was removed at 10s (line 2)", late.getMessage());
    }

    @Test
    void shouldRefuseCallsOfADisconnectedFramework()
    {
        final ScenarioException ex = assertThrows(ScenarioException.class, () -> ScenarioParser.parse("s", """
            framework F task=cpus:1 failover_timeout=1m
            at 10s disconnect-framework F
            at 20s suppress F
            run 60s
            """));

        assertEquals("s:3: framework 'F' is disconnected at 10s (line 2); reconnect it first", ex.getMessage());
    }

    @Test
    void shouldParseEveryExampleScenario() throws IOException
    {
        final Path examples = Path.of("..", "examples", "scenarios");
        try (Stream<Path> files = Files.list(examples))
        {
            final List<Path> scenarios = files.filter(path -> path.toString().endsWith(".scenario")).sorted().toList();
            assertTrue(scenarios.size() >= 4, scenarios.toString());
            for (final Path path : scenarios)
            {
                assertTrue(ScenarioParser.parse(path).runMs() > 0, path.toString());
            }
        }

        final String issueExample = Files.readString(examples.resolve("issue-example.scenario"), StandardCharsets.UTF_8);
        assertEquals(ISSUE_EXAMPLE, issueExample);
    }

    @Test
    void shouldParseDurations()
    {
        assertEquals(500, Durations.parseMs("500ms", false));
        assertEquals(5_000, Durations.parseMs("5s", false));
        assertEquals(1_500, Durations.parseMs("1.5s", false));
        assertEquals(120_000, Durations.parseMs("2m", false));
        assertEquals(3_600_000, Durations.parseMs("1h", false));
        assertEquals(0, Durations.parseMs("0", false));
        assertEquals(Durations.INFINITE, Durations.parseMs("inf", true));
        assertThrows(IllegalArgumentException.class, () -> Durations.parseMs("inf", false));
        assertThrows(IllegalArgumentException.class, () -> Durations.parseMs("0.5ms", false));
        assertThrows(IllegalArgumentException.class, () -> Durations.parseMs("5", false));
        assertThrows(IllegalArgumentException.class, () -> Durations.parseMs("-5s", false));
        assertThrows(IllegalArgumentException.class, () -> Durations.parseMs("1..5s", false));
        assertEquals("1.5s", Durations.format(1_500));
        assertEquals("120s", Durations.format(120_000));
        assertEquals("15m", Durations.format(900_000));
        assertEquals("250ms", Durations.format(250));
    }
}
