package org.octt.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultTests {

    @ParameterizedTest
    @EnumSource(Fault.class)
    void findsEveryFaultByItsKebabCaseIdAndConstantName(Fault fault) {
        assertThat(fault.id()).matches("[a-z0-9]+(-[a-z0-9]+)*");
        assertThat(fault.description()).isNotBlank().doesNotContain("\n");
        assertThat(Fault.fromName(fault.id())).isSameAs(fault);
        assertThat(Fault.fromName(fault.name())).isSameAs(fault);
        assertThat(fault).hasToString(fault.id());
    }

    @Test
    void hasDistinctIds() {
        assertThat(Arrays.stream(Fault.values()).map(Fault::id)).doesNotHaveDuplicates();
    }

    @Test
    void coversEveryFaultTheIssueNames() {
        assertThat(Fault.validNames().split(", ")).contains("rsa-only", "ecdsa-only", "no-rsa-kx-suites",
                "tls13-only", "legacy-tls", "rsa-1024", "ec-p192", "cn-mismatch", "cn-wildcard", "no-cn",
                "san-mismatch", "expired", "not-yet-valid", "untrusted", "zero-serial", "wrong-password",
                "no-subprotocol", "no-auth-accepted", "any-password", "any-user", "locks-after-failure",
                "unknown-subprotocol-kept", "wrong-subprotocol-selected", "boot-rejected", "boot-invalid", "no-answer", "sends-call-first", "status-notification-error",
                "no-tls-answer", "not-tls");
    }

    @Test
    void rejectsUnknownNameListingValidOnes() {
        assertThatThrownBy(() -> Fault.fromName("cn-missmatch"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown fault: cn-missmatch; valid faults: rsa-only, ecdsa-only,")
                .hasMessageContaining("cn-mismatch");
    }
}
