package org.octt.junit.platform;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.octt.core.spi.CheckResult;

/** One check a test case reported: a test, named by the check's id. */
final class CheckDescriptor extends AbstractTestDescriptor {

    static final String SEGMENT = "check";

    private final String checkId;

    CheckDescriptor(UniqueId parent, String segment, CheckResult check) {
        super(parent.append(SEGMENT, segment), check.id());
        this.checkId = check.id();
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public String getLegacyReportingName() {
        return checkId;
    }
}
