package org.octt.cli;

import org.octt.core.Version;
import picocli.CommandLine;

/** {@code --version}: octt's version ({@link Version#current()}), the Java runtime and the OS. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            "octt " + Version.current(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch")
        };
    }
}
