package org.octt.cli;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Text from an input file, and what of it a message may show: only a short token that is plainly a
 * key or column name. Anything else in a file could be a password given to the wrong option, so a
 * message names the file, the line and what was expected instead.
 *
 * <p>"Plainly a name" is the shape of every option, column and key octt knows: words of letters
 * (each lowercase, capitalised or uppercase) joined by hyphens, at most 40 characters
 * ({@code frobnicate}, {@code client-cert}, {@code Client-Key}). A generated password (case mixed
 * within a word, digits, symbols) does not have that shape, though a token of the looser
 * {@code [A-Za-z0-9._-]} kind often would.
 */
final class InputText {

    /** What a message may quote from a file: a short key-like name. */
    private static final Pattern NAME = Pattern.compile("([a-z]+|[A-Z][a-z]*|[A-Z]+)(-([a-z]+|[A-Z][a-z]*|[A-Z]+))*");
    private static final int MAX_NAME = 40;

    private InputText() {
    }

    /** Whether {@code text} may be quoted in a message. */
    static boolean isToken(String text) {
        return text != null && text.length() <= MAX_NAME && NAME.matcher(text).matches();
    }

    /**
     * {@code what 'text'} when the text is a plain token, else {@code what} and a note that it is not
     * shown: e.g. {@code unknown key 'frobnicate'}, {@code unknown key (not shown: not a plain name)}.
     */
    static String quoted(String what, String text) {
        return isToken(text) ? what + " '" + text + "'" : what + " (not shown: not a plain name)";
    }

    /**
     * The bytes as UTF-8, a leading byte order mark dropped (as Windows editors write one).
     *
     * @throws UsageException naming the option and file when the bytes are not UTF-8
     */
    static String utf8(String option, Path file, byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UsageException(option + " " + file + " is not UTF-8 text", e);
        }
        return withoutBom(text);
    }

    /** The text without a leading byte order mark (U+FEFF). */
    static String withoutBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
