package org.octt.testkit;

import java.util.List;

/**
 * A snapshot of what a running reference Central System has received so far. Values only: the
 * Authorization header's presence is recorded, never its value.
 *
 * @param connections TCP connections accepted
 * @param handshakes TLS handshakes completed, in order
 * @param tlsAlerts the fatal TLS alerts the server raised (e.g. {@code handshake_failure}), in order
 * @param httpRequests HTTP requests received over TLS (any path)
 * @param authorizationHeaders for each HTTP request, in order, whether it carried an Authorization header
 * @param webSocketSessions WebSocket upgrades accepted
 * @param bootNotifications well-formed BootNotification.req received
 * @param statusNotificationConnectorIds the connectorId of each well-formed StatusNotification.req, in order
 * @param heartbeats Heartbeat.req received
 * @param answersToCentralSystemCalls the Charge Point's CALLRESULT/CALLERROR frames answering the
 *        Central System's own CALLs ({@link ScheduledCall}s such as {@link Fault#SENDS_CALL_FIRST}'s, and
 *        {@link RunningCentralSystem#send}), as received, in order
 */
public record ReceivedTraffic(int connections, List<ObservedHandshake> handshakes, List<String> tlsAlerts,
        int httpRequests, List<Boolean> authorizationHeaders, int webSocketSessions, int bootNotifications,
        List<Integer> statusNotificationConnectorIds, int heartbeats, List<String> answersToCentralSystemCalls) {

    public ReceivedTraffic {
        handshakes = List.copyOf(handshakes);
        tlsAlerts = List.copyOf(tlsAlerts);
        authorizationHeaders = List.copyOf(authorizationHeaders);
        statusNotificationConnectorIds = List.copyOf(statusNotificationConnectorIds);
        answersToCentralSystemCalls = List.copyOf(answersToCentralSystemCalls);
    }

    /** Whether any HTTP request reached the server (none does when a client stops after TLS). */
    public boolean anyHttpRequest() {
        return httpRequests > 0;
    }

    /** Whether any HTTP request carried an Authorization header (credentials were sent). */
    public boolean anyAuthorizationHeader() {
        return authorizationHeaders.contains(Boolean.TRUE);
    }
}
