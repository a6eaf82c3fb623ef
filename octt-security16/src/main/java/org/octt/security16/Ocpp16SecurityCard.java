package org.octt.security16;

import org.octt.core.spi.OcppVersion;
import org.octt.core.spi.SystemUnderTest;
import org.octt.core.spi.TestCase;

import java.util.Objects;
import java.util.Set;

/**
 * What every card of the OCPP 1.6 security section for Central Systems has in common: its id and
 * title, the Central System under test, OCPP 1.6J, and the built-in suite {@value Upgrades#SUITE}. A
 * card adds its steps, options and prerequisites.
 */
abstract class Ocpp16SecurityCard implements TestCase {

    private final String id;
    private final String title;

    Ocpp16SecurityCard(String id, String title) {
        this.id = Objects.requireNonNull(id, "id");
        this.title = Objects.requireNonNull(title, "title");
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    public final SystemUnderTest systemUnderTest() {
        return SystemUnderTest.CENTRAL_SYSTEM;
    }

    @Override
    public final OcppVersion ocppVersion() {
        return OcppVersion.OCPP_16J;
    }

    /** The built-in suite {@code ocpp16-security}. */
    @Override
    public final Set<String> suites() {
        return Set.of(Upgrades.SUITE);
    }
}
