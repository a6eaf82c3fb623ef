package org.octt.cli;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One target as the user wrote it, before validation: from the {@code run} options, or (fleet runs)
 * one line of a targets file. Secrets are only referenced (a file, an environment variable name).
 *
 * @param origin          where it was written: empty for command-line options, {@code FILE line N}
 *                        for a targets file; prefixes every error message
 * @param url             the endpoint URL
 * @param resolve         a {@code host:port:address} override
 * @param securityProfile the security profile number
 * @param passwordFile    a file holding the Basic auth password
 * @param passwordEnv     an environment variable holding the Basic auth password
 * @param clientCert      the client certificate chain (PEM)
 * @param clientKey       the client private key (PEM)
 */
record TargetSpec(String origin, Optional<String> url, Optional<String> resolve, int securityProfile,
                  Optional<Path> passwordFile, Optional<String> passwordEnv,
                  Optional<Path> clientCert, Optional<Path> clientKey) {

    TargetSpec {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(resolve, "resolve");
        Objects.requireNonNull(passwordFile, "passwordFile");
        Objects.requireNonNull(passwordEnv, "passwordEnv");
        Objects.requireNonNull(clientCert, "clientCert");
        Objects.requireNonNull(clientKey, "clientKey");
    }

    /** How to name a setting in a message: {@code --url} for options, {@code FILE line 3: url} for a file. */
    String name(String key) {
        return origin.isEmpty() ? "--" + key : origin + ": " + key;
    }
}
