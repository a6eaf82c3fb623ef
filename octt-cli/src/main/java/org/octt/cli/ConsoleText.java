package org.octt.cli;

import org.octt.core.text.Printable;

import java.util.ArrayList;
import java.util.List;

/**
 * Text from outside made fit for the console: escaped ({@link Printable#escape}: control characters
 * in visible form) and then wrapped or cut at a width, counted in characters. An escape sequence
 * such as {@code \x1b} or {@code \n} is one unit: a line is never broken inside it, nor inside a
 * surrogate pair. Lines break at spaces (the space is dropped); a word longer than a line is cut
 * where it reaches the width. Stateless.
 */
final class ConsoleText {

    /** The width when the terminal's is not known ({@code COLUMNS} unset or not a number). */
    static final int DEFAULT_WIDTH = 100;

    /** The narrowest width used, whatever {@code COLUMNS} says. */
    static final int MIN_WIDTH = 40;

    /** The widest width used, whatever {@code COLUMNS} says. */
    static final int MAX_WIDTH = 1000;

    /** The narrowest column text is wrapped in, however little room the line leaves. */
    static final int MIN_COLUMN = 20;

    private static final String ELLIPSIS = "...";

    /** How far back from the width {@link #cut} looks for a space to cut at. */
    private static final int CUT_AT_SPACE_WITHIN = 20;

    private ConsoleText() {
    }

    /**
     * The console width {@code COLUMNS} gives: its value within {@value #MIN_WIDTH} to
     * {@value #MAX_WIDTH}, or {@value #DEFAULT_WIDTH} when it is unset or not a positive number.
     */
    static int width(String columns) {
        if (columns == null || !columns.trim().matches("[0-9]{1,9}")) {
            return DEFAULT_WIDTH;
        }
        int value = Integer.parseInt(columns.trim());
        return value == 0 ? DEFAULT_WIDTH : Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, value));
    }

    /** {@code raw} escaped and wrapped at {@code width} (at least {@value #MIN_COLUMN}); at least one line. */
    static List<String> wrap(String raw, int width) {
        return wrap(raw, width, width);
    }

    /**
     * {@code raw} escaped and wrapped: the first line at most {@code firstWidth} characters, the
     * others at most {@code width} (each at least {@value #MIN_COLUMN}); at least one line, maybe empty.
     */
    static List<String> wrap(String raw, int firstWidth, int width) {
        List<List<String>> words = words(raw);
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int limit = Math.max(MIN_COLUMN, firstWidth);
        boolean lineHasWord = false;
        for (List<String> word : words) {
            if (word.isEmpty() && !lineHasWord && !lines.isEmpty()) {
                continue; // spaces where a line was broken
            }
            int length = length(word);
            if (lineHasWord && line.length() + 1 + length > limit) {
                lines.add(line.toString());
                line.setLength(0);
                limit = Math.max(MIN_COLUMN, width);
                lineHasWord = false;
            }
            if (lineHasWord) {
                line.append(' ');
            }
            for (String unit : word) {
                if (line.length() + unit.length() > limit && line.length() > 0) { // a word longer than a line
                    lines.add(line.toString());
                    line.setLength(0);
                    limit = Math.max(MIN_COLUMN, width);
                }
                line.append(unit);
            }
            lineHasWord = true;
        }
        lines.add(line.toString());
        return lines;
    }

    /**
     * {@code raw} escaped on one line of at most {@code width} characters, ending in {@code ...} when
     * cut (at a space when there is one among the last characters kept).
     */
    static String cut(String raw, int width) {
        List<String> units = units(raw);
        if (length(units) <= width) {
            return String.join("", units);
        }
        StringBuilder sb = new StringBuilder();
        int lastSpace = -1;
        for (String unit : units) {
            if (sb.length() + unit.length() > width - ELLIPSIS.length()) {
                break;
            }
            if (unit.equals(" ")) {
                lastSpace = sb.length();
            }
            sb.append(unit);
        }
        if (lastSpace > 0 && sb.length() - lastSpace <= CUT_AT_SPACE_WITHIN) {
            sb.setLength(lastSpace); // at a space rather than in a word, when one is near
        }
        return sb.toString().stripTrailing() + ELLIPSIS;
    }

    /** The escaped units of {@code raw} split at its spaces; empty words where spaces follow each other. */
    private static List<List<String>> words(String raw) {
        List<List<String>> words = new ArrayList<>();
        List<String> word = new ArrayList<>();
        for (String unit : units(raw)) {
            if (unit.equals(" ")) {
                words.add(word);
                word = new ArrayList<>();
            } else {
                word.add(unit);
            }
        }
        words.add(word);
        return words;
    }

    /** Each code point of {@code raw} as printed: itself, or its escape sequence (one unit). */
    private static List<String> units(String raw) {
        List<String> units = new ArrayList<>(raw.length());
        for (int i = 0; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            i += Character.charCount(cp);
            units.add(Printable.escape(new String(Character.toChars(cp))));
        }
        return units;
    }

    private static int length(List<String> units) {
        int n = 0;
        for (String u : units) {
            n += u.length();
        }
        return n;
    }
}
