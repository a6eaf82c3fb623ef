package org.octt.core.report;

import org.octt.core.engine.RunResult;

import java.io.IOException;
import java.io.Writer;

/** Writes the JSON report (docs/report-format.md). STUB: implementation pending (issue 2). */
public final class JsonReport {

    private JsonReport() {
    }

    public static void write(RunResult result, Writer out) throws IOException {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
