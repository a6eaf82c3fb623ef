package org.octt.cli;

import org.octt.core.spi.KeyMaterial;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.Secret;
import org.octt.core.spi.Target;
import org.octt.core.spi.TestContext;
import org.octt.core.text.Addresses;
import org.octt.tls.cert.PemFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a {@link TargetSpec} into a validated {@link TestContext}: the URL, the resolve override,
 * the security profile and its credentials. Every problem is a {@link UsageException} naming the
 * setting and the value (never a secret).
 */
final class TargetContexts {

    private final CliEnvironment environment;

    TargetContexts(CliEnvironment environment) {
        this.environment = environment;
    }

    /**
     * A context for the target; {@code shared} gives a fresh builder holding the settings shared
     * by every target (trust anchors, timeouts, options...).
     */
    TestContext context(TargetSpec spec, Function<Target, TestContext.Builder> shared) {
        Target target = target(spec);
        SecurityProfile profile = profile(spec);
        if (!target.secure()) {
            throw new UsageException(spec.name("url") + " must use wss:// (TLS is required by security profile "
                    + profile.number() + "), was: " + target.url());
        }
        Optional<KeyMaterial> keyMaterial = keyMaterial(spec);
        if (profile == SecurityProfile.TLS_CLIENT_CERTIFICATE && keyMaterial.isEmpty()) {
            throw new UsageException("security profile 3 needs a client certificate: " + spec.name("client-cert")
                    + " FILE and " + spec.name("client-key") + " FILE");
        }
        Optional<Secret> password = password(spec);
        if (profile == SecurityProfile.TLS_BASIC_AUTH && password.isEmpty()) {
            throw new UsageException("security profile 2 needs a Basic auth password: "
                    + spec.name("basic-auth-password-file") + " FILE or the environment variable "
                    + spec.passwordEnv().orElse(CliEnvironment.PASSWORD_ENV) + " (never on the command line)");
        }
        TestContext.Builder b = shared.apply(target).securityProfile(profile);
        password.ifPresent(b::basicAuthPassword);
        keyMaterial.ifPresent(b::clientKeyMaterial);
        return b.build();
    }

    private static Target target(TargetSpec spec) {
        String url = spec.url().orElseThrow(() -> new UsageException(spec.name("url")
                + " is required: wss://host[:port]/path/<ChargePointId>"));
        Target target;
        try {
            target = Target.parse(url);
        } catch (IllegalArgumentException e) {
            throw new UsageException(spec.name("url") + ": " + e.getMessage(), e);
        }
        String scheme = target.url().getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("wss") && !scheme.equals("ws")) {
            throw new UsageException(spec.name("url") + " must be wss://host[:port]/path/<ChargePointId>, was: " + url);
        }
        if (target.url().getRawQuery() != null || target.url().getRawFragment() != null) {
            throw new UsageException(spec.name("url") + " must not have a query or fragment, was: " + url);
        }
        if (target.chargePointId().isEmpty()) {
            throw new UsageException(spec.name("url") + " has no ChargePointId as its last path segment"
                    + " (wss://host[:port]/path/<ChargePointId>), was: " + url);
        }
        if (spec.resolve().isPresent()) {
            ResolveOverride override = ResolveOverride.parse(spec.resolve().get());
            if (!override.appliesTo(target.host(), target.port())) {
                throw new UsageException(spec.name("resolve") + " is for " + Addresses.hostPort(override.host(), override.port())
                        + " but " + spec.name("url") + " is for " + Addresses.hostPort(target.host(), target.port())
                        + "; they must match, was: " + spec.resolve().get());
            }
            target = target.withConnectAddress(override.socketAddress());
        }
        return target;
    }

    private static SecurityProfile profile(TargetSpec spec) {
        int n = spec.securityProfile();
        if (n != 2 && n != 3) {
            throw new UsageException(spec.name("security-profile") + " must be 2 or 3, was: " + n);
        }
        return SecurityProfile.of(n);
    }

    private Optional<KeyMaterial> keyMaterial(TargetSpec spec) {
        if (spec.clientCert().isPresent() != spec.clientKey().isPresent()) {
            throw new UsageException(spec.clientCert().isPresent()
                    ? spec.name("client-cert") + " needs " + spec.name("client-key") + " (the certificate's private key), was: "
                            + spec.clientCert().get() + " alone"
                    : spec.name("client-key") + " needs " + spec.name("client-cert") + " (the certificate chain), was: "
                            + spec.clientKey().get() + " alone");
        }
        if (spec.clientCert().isEmpty()) {
            return Optional.empty();
        }
        Path certFile = readableFile(spec.name("client-cert"), spec.clientCert().get());
        Path keyFile = readableFile(spec.name("client-key"), spec.clientKey().get());
        List<X509Certificate> chain = PemFiles.readCertificates(certFile);
        PrivateKey key = PemFiles.readPrivateKey(keyFile);
        PemFiles.requireMatchingKey(chain.get(0), key, keyFile);
        return Optional.of(KeyMaterial.of(chain, key));
    }

    private Optional<Secret> password(TargetSpec spec) {
        if (spec.passwordFile().isPresent()) {
            return Optional.of(readPassword(spec.name("basic-auth-password-file"), spec.passwordFile().get()));
        }
        String variable = spec.passwordEnv().orElse(CliEnvironment.PASSWORD_ENV);
        String value = environment.env().get(variable);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isEmpty()) {
            throw new UsageException("the environment variable " + variable + " is empty; set the Basic auth password");
        }
        return Optional.of(Secret.of(value));
    }

    /** The error for a file that exists but could not be read; names the exception's type only. */
    static UsageException unreadable(String option, Path file, IOException e) {
        return new UsageException(option + " file could not be read: " + file + " (" + e.getClass().getSimpleName() + ")", e);
    }

    /**
     * Reads a password file: one line, its line ending ({@code \n} or {@code \r\n}) stripped, as
     * editors and {@code echo} add one. Never puts the content in a message.
     */
    static Secret readPassword(String option, Path file) {
        readableFile(option, file);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw unreadable(option, file, e);
        }
        java.nio.CharBuffer decoded = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(bytes));
        char[] chars = decoded.array();
        int length = decoded.remaining();
        Arrays.fill(bytes, (byte) 0);
        if (length > 0 && chars[length - 1] == '\n') {
            length--;
            if (length > 0 && chars[length - 1] == '\r') {
                length--;
            }
        }
        try {
            for (int i = 0; i < length; i++) {
                if (chars[i] == '\n' || chars[i] == '\r') {
                    throw new UsageException(option + " file must hold the password on one line, has several: " + file);
                }
            }
            if (length == 0) {
                throw new UsageException(option + " file is empty: " + file);
            }
            return Secret.of(Arrays.copyOf(chars, length));
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** The file if it exists, is a regular file and readable; a {@link UsageException} naming it otherwise. */
    static Path readableFile(String option, Path file) {
        if (!Files.exists(file)) {
            throw new UsageException(option + " file not found: " + file);
        }
        if (Files.isDirectory(file)) {
            throw new UsageException(option + " is a folder, not a file: " + file);
        }
        if (!Files.isReadable(file)) {
            throw new UsageException(option + " file is not readable: " + file);
        }
        return file;
    }
}
