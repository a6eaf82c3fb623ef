package org.octt.junit.platform;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.octt.core.spi.TestContext;

import java.util.Optional;

/** The octt engine's root: its test case containers and the target they run against. */
final class OcttEngineDescriptor extends EngineDescriptor {

    private final Optional<TestContext> target;

    OcttEngineDescriptor(UniqueId uniqueId, Optional<TestContext> target) {
        super(uniqueId, "octt");
        this.target = target;
    }

    /** The target, when a test case was selected. */
    Optional<TestContext> target() {
        return target;
    }
}
