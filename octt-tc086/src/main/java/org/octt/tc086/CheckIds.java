package org.octt.tc086;

/** The stable ids of TC_086_CSMS's checks; reports and other tools rely on them. */
public final class CheckIds {

    public static final String TLS_VERSION = "tls.version";
    public static final String TLS_CIPHER_SUITES = "tls.cipher-suites";
    public static final String CERT_KEY_SIZE = "cert.key-size";
    public static final String CERT_X509_PEM = "cert.x509-pem";
    public static final String CERT_SERIAL_NUMBER = "cert.serial-number";
    public static final String CERT_SUBJECT_CN = "cert.subject-cn";
    public static final String CERT_TRUST = "cert.trust";
    public static final String WS_UPGRADE = "ws.upgrade";
    public static final String OCPP_BOOT_NOTIFICATION = "ocpp.boot-notification";
    public static final String OCPP_STATUS_NOTIFICATION = "ocpp.status-notification";

    private CheckIds() {
    }
}
