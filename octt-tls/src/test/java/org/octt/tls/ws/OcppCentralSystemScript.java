package org.octt.tls.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

import java.util.List;

/**
 * A scripted OCPP-J Central System for the tests. By the CALL's action: BootNotification and
 * StatusNotification get a CALLRESULT; Unknown gets CALLERROR NotImplemented; Garbage gets text that
 * is not JSON; Silent gets nothing; WrongId gets a CALLRESULT for another id; CallMeBack makes the
 * server send its own CALL (GetConfiguration, id "srv-1"); Echo makes it send each string of the
 * payload's {@code send} array as it is, then the CALLRESULT. Every received text is recorded.
 */
public final class OcppCentralSystemScript {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<String> received;

    OcppCentralSystemScript(List<String> received) {
        this.received = received;
    }

    public Mono<Void> handle(WebsocketInbound in, WebsocketOutbound out) {
        Sinks.Many<String> replies = Sinks.many().unicast().onBackpressureBuffer();
        Mono<Void> receive = in.receive().asString()
                .doOnNext(text -> {
                    received.add(text);
                    answer(text).forEach(replies::tryEmitNext);
                })
                .then()
                .doFinally(s -> replies.tryEmitComplete());
        return Mono.when(receive, out.sendString(replies.asFlux()).then());
    }

    private static List<String> answer(String text) {
        try {
            JsonNode frame = MAPPER.readTree(text);
            if (frame.get(0).intValue() != 2) {
                return List.of();
            }
            String id = frame.get(1).textValue();
            return switch (frame.get(2).textValue()) {
                case "BootNotification" -> List.of("[3,\"" + id
                        + "\",{\"status\":\"Accepted\",\"currentTime\":\"2025-01-01T00:00:00Z\",\"interval\":300}]");
                case "StatusNotification" -> List.of("[3,\"" + id + "\",{}]");
                case "Unknown" -> List.of("[4,\"" + id + "\",\"NotImplemented\",\"no such action\",{\"hint\":\"none\"}]");
                case "Garbage" -> List.of("this is not json");
                case "WrongId" -> List.of("[3,\"not-" + id + "\",{}]");
                case "CallMeBack" -> List.of("[2,\"srv-1\",\"GetConfiguration\",{\"key\":[]}]", "[3,\"" + id + "\",{}]");
                case "Echo" -> {
                    List<String> out = new java.util.ArrayList<>();
                    frame.get(3).get("send").forEach(t -> out.add(t.textValue()));
                    out.add("[3,\"" + id + "\",{}]");
                    yield out;
                }
                default -> List.of();
            };
        } catch (Exception e) {
            return List.of();
        }
    }
}
