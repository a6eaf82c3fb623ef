package org.octt.core.spi;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version of this SPI, {@code MAJOR.MINOR}. A plugin jar states the version it was built for in
 * its manifest ({@value #MANIFEST_ATTRIBUTE}{@code : 1.0}); the plugin registry loads a jar built for
 * the same major version and a minor version no newer than this one, and refuses any other in one
 * line. Minor versions only add (default methods, factories); a major version removes or changes.
 */
public final class SpiVersion {

    /** The manifest attribute a plugin jar states its SPI version in. */
    public static final String MANIFEST_ATTRIBUTE = "Octt-Spi-Version";

    /** This SPI's major version. */
    public static final int MAJOR = 1;

    /** This SPI's minor version. */
    public static final int MINOR = 0;

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,4})\\.(\\d{1,4})");

    private SpiVersion() {
    }

    /** {@code MAJOR.MINOR}, e.g. {@code 1.0}. */
    public static String current() {
        return MAJOR + "." + MINOR;
    }

    /**
     * Why a plugin that states {@code stated} cannot be loaded by this version, or empty when it
     * can. The reason does not repeat a malformed value beyond 16 characters.
     */
    public static Optional<String> incompatibility(String stated) {
        String value = stated.trim();
        Matcher m = FORMAT.matcher(value);
        if (!m.matches()) {
            String shown = value.length() > 16 ? value.substring(0, 16) + "..." : value;
            return Optional.of(MANIFEST_ATTRIBUTE + " '" + shown.replaceAll("\\p{Cntrl}", "?")
                    + "' is not MAJOR.MINOR (this octt has SPI " + current() + ")");
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        if (major != MAJOR || minor > MINOR) {
            return Optional.of("built for octt SPI " + major + "." + minor + ", this octt has SPI " + current()
                    + (major < MAJOR ? " (rebuild the plugin against this octt)" : " (update octt)"));
        }
        return Optional.empty();
    }
}
