package org.octt.testkit.internal;

import org.octt.testkit.ObservedHandshake;
import org.octt.testkit.ReceivedTraffic;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts what the reference Central System receives. Thread-safe; called from event loops. */
public final class TrafficRecorder {

    private final AtomicInteger connections = new AtomicInteger();
    private final List<ObservedHandshake> handshakes = new CopyOnWriteArrayList<>();
    private final List<String> tlsAlerts = new CopyOnWriteArrayList<>();
    private final AtomicInteger httpRequests = new AtomicInteger();
    private final List<Boolean> authorizationHeaders = new CopyOnWriteArrayList<>();
    private final AtomicInteger webSocketSessions = new AtomicInteger();
    private final AtomicInteger bootNotifications = new AtomicInteger();
    private final List<Integer> statusNotificationConnectorIds = new CopyOnWriteArrayList<>();
    private final AtomicInteger heartbeats = new AtomicInteger();
    private final List<String> answersToCentralSystemCalls = new CopyOnWriteArrayList<>();

    public void connection() {
        connections.incrementAndGet();
    }

    public void handshake(ObservedHandshake handshake) {
        handshakes.add(handshake);
    }

    public void tlsAlert(String alert) {
        tlsAlerts.add(alert);
    }

    public void httpRequest(boolean authorizationHeader) {
        authorizationHeaders.add(authorizationHeader);
        httpRequests.incrementAndGet();
    }

    public void webSocketSession() {
        webSocketSessions.incrementAndGet();
    }

    public void bootNotification() {
        bootNotifications.incrementAndGet();
    }

    public void statusNotification(int connectorId) {
        statusNotificationConnectorIds.add(connectorId);
    }

    public void heartbeat() {
        heartbeats.incrementAndGet();
    }

    public void answerToCentralSystemCall(String frame) {
        answersToCentralSystemCalls.add(frame);
    }

    public ReceivedTraffic snapshot() {
        return new ReceivedTraffic(connections.get(), handshakes, tlsAlerts, httpRequests.get(),
                authorizationHeaders, webSocketSessions.get(), bootNotifications.get(),
                statusNotificationConnectorIds, heartbeats.get(), answersToCentralSystemCalls);
    }
}
