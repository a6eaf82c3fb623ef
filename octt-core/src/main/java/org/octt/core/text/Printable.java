package org.octt.core.text;

import java.util.Objects;

/**
 * Makes text safe to print on a terminal. Values that reach the console may come from outside:
 * the command line, files, and above all the server under test (certificate names, HTTP reason
 * phrases and headers, OCPP payloads and error descriptions). A control character in them could
 * clear the screen, retitle the window, move the cursor or, with a bidi override such as U+202E,
 * show text in another order than it has. {@link #escape} writes every such character in a
 * visible form and keeps every other character, ordinary letters of any script included:
 *
 * <ul>
 *   <li>{@code \n}, {@code \r}, {@code \t} as those two-character sequences;</li>
 *   <li>every other C0 control, DEL and every C1 control as {@code \xHH} (ESC is {@code \x1b});</li>
 *   <li>the bidi controls (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069), the line
 *       and paragraph separators (U+2028, U+2029) and a lone surrogate as {@code \}{@code uHHHH}.</li>
 * </ul>
 *
 * <p>A backslash is kept as it is: the result is for reading, not for parsing back (a Windows path
 * stays legible). Only for printing: reports keep the exact data (JSON escapes it by itself).
 * Stateless and thread-safe.
 */
public final class Printable {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Printable() {
    }

    /**
     * The text as one printable line: every control character, line breaks and tabs included, in
     * visible form.
     *
     * @param text not null
     * @return the text, the same instance when nothing needed escaping
     */
    public static String escape(String text) {
        return escape(text, false);
    }

    /**
     * The text with its line breaks and tabs kept (for text that has several lines by design, such as
     * a stack trace): {@code \n} and {@code \t} stay, a {@code \r\n} becomes {@code \n}, every other
     * control character is escaped as by {@link #escape}.
     *
     * @param text not null
     * @return the text, the same instance when nothing needed escaping
     */
    public static String escapeKeepingLines(String text) {
        return escape(text, true);
    }

    /** Whether {@link #escape} would change this character (a code point). */
    public static boolean needsEscape(int codePoint) {
        return Character.getType(codePoint) == Character.CONTROL
                || codePoint == 0x2028 || codePoint == 0x2029
                || isBidiControl(codePoint)
                || Character.getType(codePoint) == Character.SURROGATE;
    }

    private static boolean isBidiControl(int c) {
        return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    private static String escape(String text, boolean keepLines) {
        Objects.requireNonNull(text, "text");
        int first = firstToEscape(text, keepLines);
        if (first < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (keepLines && (cp == '\n' || cp == '\t')) {
                sb.append((char) cp);
            } else if (keepLines && cp == '\r' && i < text.length() && text.charAt(i) == '\n') {
                continue; // \r\n: the \n that follows is the line break
            } else if (!needsEscape(cp)) {
                sb.appendCodePoint(cp);
            } else if (cp == '\n') {
                sb.append("\\n");
            } else if (cp == '\r') {
                sb.append("\\r");
            } else if (cp == '\t') {
                sb.append("\\t");
            } else if (cp <= 0xFF) {
                sb.append("\\x").append(HEX[cp >> 4]).append(HEX[cp & 0xF]);
            } else {
                sb.append("\\u").append(HEX[cp >> 12 & 0xF]).append(HEX[cp >> 8 & 0xF])
                        .append(HEX[cp >> 4 & 0xF]).append(HEX[cp & 0xF]);
            }
        }
        return sb.toString();
    }

    private static int firstToEscape(String text, boolean keepLines) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (needsEscape(cp) && !(keepLines && (cp == '\n' || cp == '\t'))) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }
}
