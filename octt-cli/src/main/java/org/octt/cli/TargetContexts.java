package org.octt.cli;

import org.octt.core.spi.KeyMaterial;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.Secret;
import org.octt.core.spi.Target;
import org.octt.core.spi.TestContext;
import org.octt.core.text.Addresses;
import org.octt.tls.cert.PemFiles;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a {@link TargetSpec} into a validated {@link TestContext}: the URL, the resolve override,
 * the security profile and its credentials. Every problem is a {@link UsageException} naming the
 * setting and the value (never a secret). Not thread-safe: one instance per run, collecting its
 * {@link #warnings()}.
 */
final class TargetContexts {

    /** The OCPP security whitepaper's bounds of a Basic auth password, in characters: outside, a warning. */
    static final int MIN_WHITEPAPER_LENGTH = 16;
    static final int MAX_WHITEPAPER_LENGTH = 40;
    /** The most a password may be, in bytes of UTF-8: beyond, an error. */
    static final int MAX_PASSWORD_BYTES = 1024;

    private final CliEnvironment environment;
    private final Set<String> warnings = new LinkedHashSet<>();

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
        if (profile == SecurityProfile.UNSECURED_BASIC_AUTH && target.secure()) {
            throw new UsageException("security profile 1 is plain WebSocket without TLS: " + spec.name("url")
                    + " must use ws://, was: " + target.url() + " (use " + spec.name("security-profile") + " 2 for wss://)");
        }
        if (profile != SecurityProfile.UNSECURED_BASIC_AUTH && !target.secure()) {
            throw new UsageException(spec.name("url") + " must use wss:// (TLS is required by security profile "
                    + profile.number() + "), was: " + target.url());
        }
        Optional<KeyMaterial> keyMaterial = keyMaterial(spec);
        if (profile == SecurityProfile.TLS_CLIENT_CERTIFICATE && keyMaterial.isEmpty()) {
            throw new UsageException("security profile 3 needs a client certificate: " + spec.name("client-cert")
                    + " FILE and " + spec.name("client-key") + " FILE");
        }
        Optional<Secret> password = password(spec);
        if (profile != SecurityProfile.TLS_CLIENT_CERTIFICATE && password.isEmpty()) {
            throw new UsageException("security profile " + profile.number() + " needs a Basic auth password: "
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
        if (target.chargePointId().get().contains(":")) {
            throw new UsageException(spec.name("url") + " has a ChargePointId with ':', which cannot be a Basic auth"
                    + " user-id (RFC 7617), was: " + url);
        }
        if (spec.resolve().isPresent()) {
            ResolveOverride override = ResolveOverride.parse(spec.name("resolve"), spec.resolve().get());
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
        if (n < 1 || n > 3) {
            throw new UsageException(spec.name("security-profile") + " must be 1, 2 or 3, was: " + n);
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
        String certName = spec.name("client-cert");
        String keyName = spec.name("client-key");
        List<X509Certificate> chain = certificates(certName, spec.clientCert().get());
        byte[] keyBytes = bytes(keyName, spec.clientKey().get());
        PrivateKey key;
        try {
            key = PemFiles.readPrivateKey(keyBytes, keyName + " " + spec.clientKey().get());
        } finally {
            Arrays.fill(keyBytes, (byte) 0);
        }
        PemFiles.requireMatchingKey(chain.get(0), key, keyName + " " + spec.clientKey().get());
        return Optional.of(KeyMaterial.of(chain, key));
    }

    /**
     * The Charge Point CA of {@code --client-ca-cert FILE --client-ca-key FILE} (PEM or DER, read with
     * the bounds of {@link InputFiles} or from the in-memory inputs): empty when neither is given.
     * One without the other, or a key that does not belong to the certificate, is a usage error
     * naming the options and files, never the key.
     */
    Optional<KeyMaterial> chargePointCa(Optional<Path> cert, Optional<Path> keyFile) {
        String certName = "--client-ca-cert";
        String keyName = "--client-ca-key";
        if (cert.isPresent() != keyFile.isPresent()) {
            throw new UsageException(cert.isPresent()
                    ? certName + " needs " + keyName + " (the CA's private key), was: " + cert.get() + " alone"
                    : keyName + " needs " + certName + " (the CA's certificate), was: " + keyFile.get() + " alone");
        }
        if (cert.isEmpty()) {
            return Optional.empty();
        }
        List<X509Certificate> chain = certificates(certName, cert.get());
        byte[] keyBytes = bytes(keyName, keyFile.get());
        PrivateKey key;
        try {
            key = PemFiles.readPrivateKey(keyBytes, keyName + " " + keyFile.get());
        } finally {
            Arrays.fill(keyBytes, (byte) 0);
        }
        PemFiles.requireMatchingKey(chain.get(0), key, keyName + " " + keyFile.get());
        return Optional.of(KeyMaterial.of(chain, key));
    }


    /**
     * The target's password: the variable its targets-file line names (which must be set and not
     * empty), else the password file (its own or the command line's), else
     * {@link CliEnvironment#PASSWORD_ENV} if set.
     */
    private Optional<Secret> password(TargetSpec spec) {
        if (spec.passwordEnv().isPresent()) {
            String variable = spec.passwordEnv().get();
            String value = environment.env().get(variable);
            String name = spec.name("basic-auth-password-env");
            if (value == null || value.isEmpty()) {
                throw new UsageException(name + " names the environment variable " + variable + ", which is "
                        + (value == null ? "not set" : "empty") + "; set it to this target's Basic auth password");
            }
            return Optional.of(checked(name + " " + variable, value.toCharArray()));
        }
        if (spec.passwordFile().isPresent()) {
            Secret secret = readPassword(spec.name("basic-auth-password-file"), spec.passwordFile().get());
            checkLength(spec.name("basic-auth-password-file") + " " + spec.passwordFile().get(), secret);
            return Optional.of(secret);
        }
        String value = environment.env().get(CliEnvironment.PASSWORD_ENV);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isEmpty()) {
            throw new UsageException("the environment variable " + CliEnvironment.PASSWORD_ENV
                    + " is empty; set the Basic auth password");
        }
        return Optional.of(checked("the environment variable " + CliEnvironment.PASSWORD_ENV, value.toCharArray()));
    }

    /**
     * Warnings found while building contexts, each once: a password whose length is outside what the
     * OCPP security whitepaper allows. One line each, never the password.
     */
    List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** The password from an environment variable after {@link #requirePlausible}; the array is cleared. */
    private Secret checked(String source, char[] chars) {
        try {
            requirePlausible(source, chars, chars.length);
            Secret secret = Secret.of(Arrays.copyOf(chars, chars.length));
            checkLength(source, secret);
            return secret;
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private void checkLength(String source, Secret secret) {
        String password = secret.reveal();
        int characters = password.codePointCount(0, password.length());
        if (characters < MIN_WHITEPAPER_LENGTH || characters > MAX_WHITEPAPER_LENGTH) {
            warnings.add("warning: " + source + ": the Basic auth password is " + (characters < MIN_WHITEPAPER_LENGTH
                    ? "shorter than " + MIN_WHITEPAPER_LENGTH : "longer than " + MAX_WHITEPAPER_LENGTH)
                    + " characters; the OCPP security whitepaper asks for " + MIN_WHITEPAPER_LENGTH + " to "
                    + MAX_WHITEPAPER_LENGTH);
        }
    }

    /**
     * Refuses what cannot be a password: a control character (a NUL byte, a tab, an escape) or more
     * than {@link #MAX_PASSWORD_BYTES} bytes of UTF-8. The message names the source, never the content.
     */
    static void requirePlausible(String source, char[] chars, int length) {
        long bytes = 0;
        for (int i = 0; i < length; i++) {
            char c = chars[i];
            if (Character.isISOControl(c)) {
                throw new UsageException(source + ": the Basic auth password holds a control character"
                        + " (a password is one line of printable text)");
            }
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3; // a surrogate pair: 4 bytes
        }
        if (bytes > MAX_PASSWORD_BYTES) {
            throw new UsageException(source + ": the Basic auth password is longer than 1 KiB");
        }
    }

    /**
     * The certificates in a PEM input file, or in the environment's in-memory input of that name
     * ({@link CliEnvironment#inMemoryInput}).
     */
    List<X509Certificate> certificates(String option, Path file) {
        return PemFiles.readCertificates(bytes(option, file), option + " " + file);
    }

    /**
     * The bytes of a PEM or DER input: the in-memory input of that name ({@code octt demo}), else
     * the file, read with the PEM bound.
     */
    private byte[] bytes(String option, Path file) {
        return environment.inMemoryInput(file).orElseGet(() -> InputFiles.read(option, file, InputFiles.Limit.PEM));
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
        byte[] bytes = InputFiles.read(option, file, InputFiles.Limit.PASSWORD);
        java.nio.CharBuffer decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new UsageException(option + " " + file + " is not UTF-8 text", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
        char[] chars = decoded.array();
        int length = decoded.remaining();
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
            requirePlausible(option + " " + file, chars, length);
            return Secret.of(Arrays.copyOf(chars, length));
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** The file if it exists, is a regular file and readable; a {@link UsageException} naming it otherwise. */
    static Path readableFile(String option, Path file) {
        if (file.toString().isEmpty()) {
            throw new UsageException(option + " is empty; give a FILE");
        }
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
