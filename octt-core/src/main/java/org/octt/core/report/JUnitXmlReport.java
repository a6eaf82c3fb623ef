package org.octt.core.report;

import org.octt.core.engine.RunResult;

import java.io.IOException;
import java.io.Writer;

/** Writes a JUnit XML report. STUB: implementation pending (issue 2). */
public final class JUnitXmlReport {

    private JUnitXmlReport() {
    }

    public static void write(RunResult result, Writer out) throws IOException {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
