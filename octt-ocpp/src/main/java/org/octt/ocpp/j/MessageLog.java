package org.octt.ocpp.j;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * What was said on one session, in order: the HTTP upgrade exchange and every OCPP-J frame, each
 * with its direction and time, so that a report shows exactly what was said. Credentials never
 * enter it:
 * <ul>
 * <li>the {@code value} of a ChangeConfiguration CALL whose {@code key} is {@code AuthorizationKey}
 *     (the Basic auth password of security profiles 1 and 2), and of any {@code AuthorizationKey}
 *     entry of a {@code configurationKey} list, is written as {@value #REDACTED};</li>
 * <li>every value marked with {@link #markSecret(String)} (the session marks its Basic auth password)
 *     is replaced by {@value #REDACTED} wherever it occurs;</li>
 * <li>the upgrade request's {@code Authorization} header is logged as {@code Basic ****}.</li>
 * </ul>
 * Redaction happens before an entry is stored. At most {@value #MAX_ENTRIES} entries are kept, each
 * frame at most {@value #MAX_FRAME} characters. Thread-safe.
 */
public final class MessageLog {

    /** What a redacted value is written as. */
    public static final String REDACTED = "****";

    /** Most entries kept; later ones are counted in {@link #dropped()}. */
    public static final int MAX_ENTRIES = 1000;

    /** Longest frame text kept; a longer one is cut and says how long it was. */
    public static final int MAX_FRAME = 8000;

    /** Secrets shorter than this are not searched for (a one-letter "secret" would redact everything). */
    private static final int MIN_SECRET = 4;

    /** Direction of an entry, from octt's side. */
    public enum Direction { SENT, RECEIVED }

    /**
     * One entry.
     *
     * @param direction SENT by octt or RECEIVED from the Central System
     * @param time      when it was sent or received, by the session's clock
     * @param frame     the frame text as on the wire (an HTTP message as its start line and the headers
     *                  that matter, one per line), redacted
     */
    public record Entry(Direction direction, Instant time, String frame) {
        public Entry {
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(frame, "frame");
        }

        /** {@code {"dir": "SENT", "time": "2024-…Z", "frame": "[2,…]"}}, the form used in report evidence. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dir", direction.name());
            m.put("time", time.toString());
            m.put("frame", frame);
            return m;
        }
    }

    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Set<String> secrets = new CopyOnWriteArraySet<>();
    private final List<Entry> entries = new ArrayList<>();
    private int dropped;

    private MessageLog(Clock clock) {
        this.clock = clock;
    }

    /** An empty log timing its entries with {@code clock}. */
    public static MessageLog create(Clock clock) {
        return new MessageLog(Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Marks {@code value} secret: from now on it is replaced by {@value #REDACTED} in every entry
     * added (entries already added are redacted too). Values shorter than 4 characters are ignored.
     */
    public void markSecret(String value) {
        Objects.requireNonNull(value, "value");
        if (value.length() < MIN_SECRET) {
            return;
        }
        secrets.add(value);
        synchronized (entries) {
            entries.replaceAll(e -> new Entry(e.direction(), e.time(), replaceSecrets(e.frame())));
        }
    }

    /** Adds a frame sent now. */
    public void sent(String frame) {
        add(Direction.SENT, clock.instant(), frame);
    }

    /** Adds a frame received now. */
    public void received(String frame) {
        add(Direction.RECEIVED, clock.instant(), frame);
    }

    /** Adds an entry with its own time (e.g. the upgrade request, logged once its outcome is known). */
    public void add(Direction direction, Instant time, String frame) {
        Objects.requireNonNull(frame, "frame");
        Entry e = new Entry(direction, time, cut(replaceSecrets(redactFrame(frame))));
        synchronized (entries) {
            if (entries.size() < MAX_ENTRIES) {
                entries.add(e);
            } else {
                dropped++;
            }
        }
    }

    /** Every entry, in order. */
    public List<Entry> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    /** The number of entries so far; a mark for {@link #since(int)}. */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** The entries added after the first {@code mark} ({@link #size()} taken earlier). */
    public List<Entry> since(int mark) {
        synchronized (entries) {
            return List.copyOf(entries.subList(Math.min(Math.max(0, mark), entries.size()), entries.size()));
        }
    }

    /** Entries not kept because the log was full. */
    public int dropped() {
        synchronized (entries) {
            return dropped;
        }
    }

    /** Every entry as a list of {@code {"dir","time","frame"}} maps, for report evidence. */
    public List<Map<String, Object>> evidence() {
        return evidence(entries());
    }

    /** These entries as a list of {@code {"dir","time","frame"}} maps. */
    public static List<Map<String, Object>> evidence(List<Entry> entries) {
        return entries.stream().map(Entry::toMap).toList();
    }

    private String replaceSecrets(String text) {
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, REDACTED);
        }
        return out;
    }

    private static String cut(String text) {
        return text.length() <= MAX_FRAME ? text
                : text.substring(0, MAX_FRAME) + "... (" + text.length() + " characters)";
    }

    /** The frame with AuthorizationKey values redacted; the text unchanged when it holds none. */
    private String redactFrame(String frame) {
        if (!frame.contains("AuthorizationKey")) {
            return frame;
        }
        JsonNode root;
        try {
            root = mapper.readTree(frame);
        } catch (JsonProcessingException e) {
            // not JSON: the key's value cannot be found reliably, so nothing after the key is kept
            int at = frame.indexOf("AuthorizationKey");
            return frame.substring(0, at + "AuthorizationKey".length()) + " " + REDACTED + " (frame cut: not JSON)";
        }
        boolean changed = false;
        if (root instanceof ArrayNode a) {
            for (JsonNode element : a) {
                changed |= redactNode(element);
            }
        }
        if (!changed) {
            return frame;
        }
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a frame just read", e);
        }
    }

    /** Redacts {@code {"key":"AuthorizationKey","value":…}} objects, at any depth. */
    private static boolean redactNode(JsonNode node) {
        boolean changed = false;
        if (node instanceof ObjectNode o) {
            JsonNode key = o.get("key");
            if (key != null && key.isTextual() && key.textValue().equals("AuthorizationKey") && o.has("value")) {
                o.put("value", REDACTED);
                changed = true;
            }
            for (JsonNode child : o) {
                changed |= redactNode(child);
            }
        } else if (node instanceof ArrayNode a) {
            for (JsonNode child : a) {
                changed |= redactNode(child);
            }
        }
        return changed;
    }
}
