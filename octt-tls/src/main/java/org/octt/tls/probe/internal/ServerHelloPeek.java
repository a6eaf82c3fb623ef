package org.octt.tls.probe.internal;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads the version and cipher suite a server selected from the plaintext records it sent first, so
 * that a probe can say "server selected X, which was not offered" even when Bouncy Castle rejects
 * the ServerHello before reporting it, and the curve of a TLS 1.2 ServerKeyExchange, which Bouncy
 * Castle does not report. Tolerant: anything it cannot read gives empty.
 *
 * @param version     the selected version (from supported_versions when present), e.g. 0x0303
 * @param cipherSuite the selected cipher suite code
 */
record ServerHelloPeek(int version, int cipherSuite) {

    private static final int HANDSHAKE = 22;
    private static final int SERVER_HELLO = 2;
    private static final int SUPPORTED_VERSIONS = 43;
    private static final int SERVER_KEY_EXCHANGE = 12;
    private static final int NAMED_CURVE = 3;

    static Optional<ServerHelloPeek> parse(byte[] data, int length) {
        byte[] hs = plaintextHandshake(data, length);
        int hsLength = hs.length;
        if (hsLength < 4 || (hs[0] & 0xFF) != SERVER_HELLO) {
            return Optional.empty();
        }
        int bodyEnd = Math.min(hsLength, 4 + u24(hs, 1));
        int p = 4;
        if (p + 2 + 32 + 1 > bodyEnd) {
            return Optional.empty();
        }
        int version = u16(hs, p);
        p += 2 + 32;
        p += 1 + (hs[p] & 0xFF);
        if (p + 3 > bodyEnd) {
            return Optional.empty();
        }
        int suite = u16(hs, p);
        p += 3; // suite and compression method
        if (p + 2 <= bodyEnd) {
            int extEnd = Math.min(bodyEnd, p + 2 + u16(hs, p));
            p += 2;
            while (p + 4 <= extEnd) {
                int type = u16(hs, p);
                int len = u16(hs, p + 2);
                if (type == SUPPORTED_VERSIONS && len == 2 && p + 6 <= extEnd) {
                    version = u16(hs, p + 4);
                }
                p += 4 + len;
            }
        }
        return Optional.of(new ServerHelloPeek(version, suite));
    }

    /**
     * The named curve of a TLS 1.2 ServerKeyExchange for an ECDHE key exchange
     * ({@code ECParameters.curve_type == named_curve}), or empty.
     */
    static OptionalInt ecdheNamedGroup(byte[] data, int length) {
        byte[] hs = plaintextHandshake(data, length);
        int p = 0;
        while (p + 4 <= hs.length) {
            int type = hs[p] & 0xFF;
            int len = u24(hs, p + 1);
            if (type == SERVER_KEY_EXCHANGE) {
                if (len >= 3 && p + 7 <= hs.length && (hs[p + 4] & 0xFF) == NAMED_CURVE) {
                    return OptionalInt.of(u16(hs, p + 5));
                }
                return OptionalInt.empty();
            }
            p += 4 + len;
        }
        return OptionalInt.empty();
    }

    /** The bytes of the leading plaintext handshake records, concatenated. */
    private static byte[] plaintextHandshake(byte[] data, int length) {
        byte[] hs = new byte[length];
        int hsLength = 0;
        int pos = 0;
        while (pos + 5 <= length && (data[pos] & 0xFF) == HANDSHAKE) {
            int recordLength = u16(data, pos + 3);
            int end = Math.min(length, pos + 5 + recordLength);
            System.arraycopy(data, pos + 5, hs, hsLength, end - pos - 5);
            hsLength += end - pos - 5;
            pos = end;
        }
        return Arrays.copyOf(hs, hsLength);
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    private static int u24(byte[] b, int i) {
        return ((b[i] & 0xFF) << 16) | ((b[i + 1] & 0xFF) << 8) | (b[i + 2] & 0xFF);
    }
}
