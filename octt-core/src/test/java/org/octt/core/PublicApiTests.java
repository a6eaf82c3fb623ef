package org.octt.core;

import org.junit.jupiter.api.Test;
import org.octt.testsupport.PublicApi;

import org.octt.core.engine.RunPlan;
import org.octt.core.engine.RunResult;
import org.octt.core.engine.StepResult;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.plugin.DiscoveredTestCase;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.KeyMaterial;
import org.octt.core.spi.Target;
import org.octt.core.spi.Timeouts;
import org.octt.core.spi.Verdict;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No public signature of octt-core outside its {@code internal} packages names an internal type, so
 * that internal packages can change without breaking plugins and embedders.
 */
class PublicApiTests {

    static Path classes() throws URISyntaxException {
        return Path.of(Octt.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void noPublicSignatureNamesAnInternalType() throws URISyntaxException {
        assertThat(PublicApi.visibleTypes(classes())).isNotEmpty();
        assertThat(PublicApi.internalTypesExposed(classes())).isEmpty();
    }

    /**
     * A record's canonical constructor is public and changes with each component added, which
     * breaks a plugin compiled against the old one: the value types that will grow are classes.
     * The records left are the run events (fixed envelopes around growing values).
     */
    @Test
    void theOnlyPublicRecordsAreTheRunEvents() throws URISyntaxException {
        assertThat(PublicApi.records(classes())).containsExactly(
                "org.octt.core.engine.RunEvent$ActionRequested",
                "org.octt.core.engine.RunEvent$CheckReported",
                "org.octt.core.engine.RunEvent$RunFinished",
                "org.octt.core.engine.RunEvent$RunStarted",
                "org.octt.core.engine.RunEvent$StepFinished",
                "org.octt.core.engine.RunEvent$StepStarted",
                "org.octt.core.engine.RunEvent$TestCaseFinished",
                "org.octt.core.engine.RunEvent$TestCaseStarted");
    }

    @Test
    void theGrowingValueTypesHaveNoPublicConstructor() {
        for (Class<?> type : List.of(CheckResult.class, Target.class, Timeouts.class, KeyMaterial.class,
                StepResult.class, TestCaseResult.class, DiscoveredTestCase.class, RunResult.class, RunPlan.class)) {
            assertThat(type.getConstructors()).as(type.getName()).isEmpty();
            assertThat(java.lang.reflect.Modifier.isFinal(type.getModifiers())).as(type.getName()).isTrue();
        }
    }

    @Test
    void checkResultsAreValuesWithTheFormerAccessors() {
        CheckResult a = CheckResult.failed("tls.version", "TLS 1.1 accepted").withWarning("w").withEvidence("k", 1);
        CheckResult b = CheckResult.of("tls.version", Verdict.FAILED, "TLS 1.1 accepted").withWarnings(List.of("w"))
                .withEvidence(Map.of("k", 1));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.id()).isEqualTo("tls.version");
        assertThat(a.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(a.warnings()).containsExactly("w");
        assertThat(a.evidence()).containsExactly(Map.entry("k", 1));
        assertThat(a.withMessage("other").message()).isEqualTo("other");
        assertThat(a.withMessage("other").evidence()).isEqualTo(a.evidence());
        assertThat(a).isNotEqualTo(a.withMessage("other"));
        assertThat(a.toString()).isEqualTo(
                "CheckResult[id=tls.version, verdict=FAILED, message=TLS 1.1 accepted, warnings=[w], evidence={k=1}]");
        assertThat(Timeouts.of(Duration.ofSeconds(5), Duration.ofSeconds(60))).isEqualTo(Timeouts.DEFAULTS);
        assertThat(Target.parse("wss://h/ocpp/CP1")).isEqualTo(Target.of(URI.create("wss://h/ocpp/CP1")));
    }
}
