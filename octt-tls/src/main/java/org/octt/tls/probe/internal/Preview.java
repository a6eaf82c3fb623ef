package org.octt.tls.probe.internal;

import java.nio.charset.StandardCharsets;

/** Shows bytes a peer sent: quoted text when printable, hex otherwise. Stateless. */
final class Preview {

    private static final int MAX = 64;

    private Preview() {
    }

    static String of(byte[] data, int length) {
        int n = Math.min(length, MAX);
        boolean printable = true;
        for (int i = 0; i < n; i++) {
            int c = data[i] & 0xFF;
            if ((c < 0x20 || c > 0x7E) && c != '\r' && c != '\n' && c != '\t') {
                printable = false;
                break;
            }
        }
        StringBuilder sb = new StringBuilder();
        if (printable) {
            sb.append('"');
            for (int i = 0; i < n; i++) {
                char c = (char) (data[i] & 0xFF);
                switch (c) {
                    case '\r' -> sb.append("\\r");
                    case '\n' -> sb.append("\\n");
                    case '\t' -> sb.append("\\t");
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    default -> sb.append(c);
                }
            }
            sb.append('"');
        } else {
            sb.append("bytes");
            for (int i = 0; i < Math.min(n, 16); i++) {
                sb.append(String.format(" %02x", data[i] & 0xFF));
            }
        }
        sb.append(length > n || (!printable && n > 16) ? " ..." : "");
        return sb.append(" (").append(length).append(length == 1 ? " byte)" : " bytes)").toString();
    }

    static String hint(byte[] data, int length) {
        String start = new String(data, 0, Math.min(length, 8), StandardCharsets.US_ASCII);
        if (start.startsWith("HTTP/")) {
            return "; it looks like a plain HTTP server, not TLS";
        }
        if (start.startsWith("SSH-")) {
            return "; it looks like an SSH server";
        }
        return "";
    }
}
