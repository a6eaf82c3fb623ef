package org.octt.core.report;

import org.octt.core.engine.RunResult;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.spi.Target;
import org.octt.core.text.Addresses;

import java.net.InetSocketAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What the report writers share. */
final class Reports {

    private Reports() {
    }

    /** The first planned target (else that of the first test case result), if any. */
    static Optional<Target> firstTarget(RunResult r) {
        return r.targets().stream().findFirst()
                .or(() -> r.testCases().stream().map(TestCaseResult::target).findFirst());
    }

    /**
     * Every distinct target URL, in order: the planned targets', then those of the results and
     * those of {@link RunResult#notRun()} that are not among them.
     */
    static List<String> targetUrls(RunResult r) {
        Set<String> urls = new LinkedHashSet<>();
        r.targets().forEach(t -> urls.add(t.url().toString()));
        r.testCases().forEach(tc -> urls.add(tc.target().url().toString()));
        r.notRun().forEach(n -> urls.add(n.target().url().toString()));
        return List.copyOf(urls);
    }

    /** {@code address:port} of a resolve override ({@code [::1]:8443} for IPv6), without a DNS lookup. */
    static String connectTo(InetSocketAddress a) {
        return Addresses.hostPort(a);
    }
}
