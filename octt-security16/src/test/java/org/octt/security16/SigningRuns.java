package org.octt.security16;

import org.octt.core.engine.TestCaseResult;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Verdict;
import org.octt.testkit.Fault;
import org.octt.testkit.ReferenceCentralSystem;
import org.octt.testkit.ReferencePki;
import org.octt.testkit.RunningCentralSystem;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs TC_074 and TC_077 against a profile 3 reference Central System that performs their operator action. */
final class SigningRuns {

    private SigningRuns() {
    }

    static RunningCentralSystem start(ReferencePki pki, Fault... faults) {
        return builder(pki, faults).build().start();
    }

    static ReferenceCentralSystem.Builder builder(ReferencePki pki, Fault... faults) {
        EnumSet<Fault> set = EnumSet.noneOf(Fault.class);
        set.addAll(List.of(faults));
        return ReferenceCentralSystem.builder().pki(pki).securityProfile(3).faults(set);
    }

    /** Profile 3, the reference client certificate, the Charge Point CA, the reference Central System doing the action. */
    static TestContext.Builder context(RunningCentralSystem cs) {
        return ClientCertificateRuns.profile3WithCa(cs).actionHandler(cs.actionHandler());
    }

    /** As {@link #context} without the Charge Point CA. */
    static TestContext.Builder contextWithoutCa(RunningCentralSystem cs) {
        return ClientCertificateRuns.profile3(cs).actionHandler(cs.actionHandler());
    }

    static TestCaseResult run(String id, TestContext context) {
        return ClientCertificateRuns.run(id, context);
    }

    static Map<String, Verdict> verdicts(TestCaseResult r) {
        return ClientCertificateRuns.verdicts(r);
    }

    static CheckResult check(TestCaseResult r, String id) {
        return ClientCertificateRuns.check(r, id);
    }

    /** {@code ids} all PASSED, then the given overrides. */
    static Map<String, Verdict> expected(List<String> ids, Object... idsAndVerdicts) {
        Map<String, Verdict> m = new LinkedHashMap<>();
        ids.forEach(id -> m.put(id, Verdict.PASSED));
        for (int i = 0; i < idsAndVerdicts.length; i += 2) {
            m.put((String) idsAndVerdicts[i], (Verdict) idsAndVerdicts[i + 1]);
        }
        return m;
    }

    /** Every message and evidence value of the result as one text. */
    static String everything(TestCaseResult r) {
        StringBuilder sb = new StringBuilder();
        for (CheckResult c : r.checks()) {
            sb.append(c.message()).append('\n').append(c.evidence()).append('\n');
        }
        return sb.toString();
    }
}
