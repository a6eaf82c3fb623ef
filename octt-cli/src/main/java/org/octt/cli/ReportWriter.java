package org.octt.cli;

import org.octt.core.engine.RunResult;
import org.octt.core.report.JUnitXmlReport;
import org.octt.core.report.JsonReport;

import java.io.IOException;
import java.io.Writer;

/** Writes one report format of a finished run. */
@FunctionalInterface
public interface ReportWriter {

    void write(RunResult result, Writer out) throws IOException;

    /** The JSON report (docs/report-format.md). */
    static ReportWriter json() {
        return JsonReport::write;
    }

    /** The JUnit XML report. */
    static ReportWriter junit() {
        return JUnitXmlReport::write;
    }
}
