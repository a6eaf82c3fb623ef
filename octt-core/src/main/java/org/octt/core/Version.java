package org.octt.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of octt, as built by Maven. */
public final class Version {

    private static final String UNKNOWN = "unknown";

    private Version() {
    }

    /**
     * The version of this octt build, e.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} when the build
     * did not record it (classes run from an IDE without Maven resource filtering). Never null.
     * Thread-safe.
     */
    public static String current() {
        return Holder.VERSION;
    }

    private static final class Holder {
        static final String VERSION = read();

        private static String read() {
            try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
                if (in == null) {
                    return UNKNOWN;
                }
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "").trim();
                return v.isEmpty() || v.contains("${") ? UNKNOWN : v;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read org/octt/core/version.properties", e);
            }
        }
    }
}
