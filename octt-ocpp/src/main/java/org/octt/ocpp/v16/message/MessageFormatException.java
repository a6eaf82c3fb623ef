package org.octt.ocpp.v16.message;

/**
 * A payload that cannot be read as the typed message: a required field is missing, or a field has
 * the wrong JSON type, a value outside its enumeration, or an unparseable date-time. The message
 * names the message ({@code BootNotification.conf}), the JSON Pointer of the field, what was
 * expected and (safely rendered) what was seen.
 */
public final class MessageFormatException extends IllegalArgumentException {

    public MessageFormatException(String message) {
        super(message);
    }
}
