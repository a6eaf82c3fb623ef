package org.octt.junit.platform;

import org.junit.platform.engine.ConfigurationParameters;
import org.octt.core.plugin.DiscoveredTestCase;
import org.octt.core.plugin.PluginRegistry;
import org.octt.core.spi.HumanDuration;
import org.octt.core.spi.KeyMaterial;
import org.octt.core.spi.OptionDescriptor;
import org.octt.core.spi.Secret;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.Target;
import org.octt.core.spi.TestCase;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Timeouts;
import org.octt.core.text.Addresses;
import org.octt.core.text.Printable;
import org.octt.tls.cert.PemException;
import org.octt.tls.cert.PemFiles;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The octt engine's configuration parameters ({@code junit-platform.properties}, {@code -D}, or a
 * launcher's explicit parameters): which test cases to run and the target they run against. Every
 * bad value is an {@link OcttConfigurationException} naming the parameter and the value as given
 * (escaped and shortened), never a password nor a file's content.
 *
 * <p>The libraries do the validating where they can ({@link Target#parse}, {@link HumanDuration#parse},
 * {@link SecurityProfile#of}, {@link PemFiles}, {@link OptionDescriptor#problem}); what is parsed here
 * (the resolve override, the password file) is the CLI's rule, kept minimal: files must be regular
 * files (a FIFO is refused, so nothing can block) and are read within a size bound.
 */
final class OcttSettings {

    static final String URL = "octt.url";
    static final String RESOLVE = "octt.resolve";
    static final String CA_FILE = "octt.ca-file";
    static final String SECURITY_PROFILE = "octt.security-profile";
    static final String PASSWORD_FILE = "octt.basic-auth-password-file";
    static final String PASSWORD_ENV = "octt.basic-auth-password-env";
    static final String CLIENT_CERT = "octt.client-cert";
    static final String CLIENT_KEY = "octt.client-key";
    static final String TIMEOUT = "octt.timeout";
    static final String INSECURE = "octt.insecure";
    static final String OPTION_PREFIX = "octt.option.";
    static final String TEST_CASES = "octt.test-cases";
    static final String SUITE = "octt.suite";
    /** Never read: a password does not belong in a properties file or on a command line. */
    static final String PASSWORD_REFUSED = "octt.basic-auth-password";

    /** The shortest network timeout, as the CLI's. */
    static final Duration MIN_TIMEOUT = Duration.ofMillis(1);
    /** The largest password file: 1 KiB of password and a line ending. */
    static final int MAX_PASSWORD_FILE_BYTES = 1024 + 2;
    /** The most a password may be, in bytes of UTF-8. */
    static final int MAX_PASSWORD_BYTES = 1024;
    /** How much of a value a message shows. */
    private static final int SHOWN = 60;

    private static final Pattern RESOLVE_SYNTAX = Pattern.compile("(\\[[^\\]]+]|[^:\\[\\]]+):(\\d{1,5}):(.+)");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("\\[([0-9A-Fa-f:.]+(%[\\w.]+)?)]");

    private final ConfigurationParameters parameters;
    private final Function<String, String> environment;

    /**
     * @param parameters  the launcher's configuration parameters
     * @param environment environment variables by name ({@code System::getenv}); null when not set
     */
    OcttSettings(ConfigurationParameters parameters, Function<String, String> environment) {
        this.parameters = parameters;
        this.environment = environment;
    }

    /**
     * Whether the configuration selects anything when the request itself names no octt test case:
     * {@code octt.test-cases}, {@code octt.suite} or {@code octt.url} is set.
     */
    boolean selects() {
        return value(TEST_CASES).isPresent() || value(SUITE).isPresent() || value(URL).isPresent();
    }

    /**
     * The test cases the configuration selects: those of {@code octt.suite} (each suite in id
     * order), then those of {@code octt.test-cases}, each once; every test case on the class path
     * when neither is set.
     */
    List<TestCase> selection(PluginRegistry registry) {
        Optional<String> suites = value(SUITE);
        Optional<String> ids = value(TEST_CASES);
        if (suites.isEmpty() && ids.isEmpty()) {
            return registry.testCases().stream().map(DiscoveredTestCase::testCase).toList();
        }
        Map<String, TestCase> selected = new LinkedHashMap<>();
        Map<String, List<DiscoveredTestCase>> builtIn = registry.suites();
        for (String name : list(suites)) {
            List<DiscoveredTestCase> suite = builtIn.get(name);
            if (suite == null) {
                throw new OcttConfigurationException(SUITE + ": unknown suite: " + shown(name) + " (known: "
                        + (builtIn.isEmpty() ? "none" : String.join(", ", builtIn.keySet())) + ")");
            }
            suite.forEach(d -> selected.putIfAbsent(d.testCase().id(), d.testCase()));
        }
        for (String id : list(ids)) {
            TestCase found = registry.find(id).map(DiscoveredTestCase::testCase).orElseThrow(() ->
                    new OcttConfigurationException(TEST_CASES + ": unknown test case id: " + shown(id) + " (known: "
                            + known(registry) + ")"));
            selected.putIfAbsent(id, found);
        }
        return List.copyOf(selected.values());
    }

    /** The context to run {@code selected} with: the target, its credentials, trust, timeout and options. */
    TestContext context(List<TestCase> selected) {
        refusePassword();
        SecurityProfile profile = profile();
        Target target = target(profile);
        Duration timeout = timeout();
        boolean insecure = insecure();
        List<X509Certificate> anchors = new ArrayList<>();
        for (String file : list(value(CA_FILE))) {
            anchors.addAll(certificates(CA_FILE, file));
        }
        Optional<KeyMaterial> keyMaterial = keyMaterial();
        if (profile == SecurityProfile.TLS_CLIENT_CERTIFICATE && keyMaterial.isEmpty()) {
            throw new OcttConfigurationException("security profile 3 needs a client certificate: " + CLIENT_CERT
                    + " and " + CLIENT_KEY + " (PEM files)");
        }
        Optional<Secret> password = password();
        if (profile != SecurityProfile.TLS_CLIENT_CERTIFICATE && password.isEmpty()) {
            throw new OcttConfigurationException("security profile " + profile.number() + " needs a Basic auth password: "
                    + PASSWORD_FILE + " (a file) or " + PASSWORD_ENV + " (an environment variable's name)");
        }
        Map<String, String> options = options(selected);
        TestContext.Builder b = TestContext.builder(target)
                .securityProfile(profile)
                .trustAnchors(anchors)
                .timeouts(Timeouts.DEFAULTS.withNetwork(timeout))
                .insecure(insecure);
        password.ifPresent(b::basicAuthPassword);
        keyMaterial.ifPresent(b::clientKeyMaterial);
        options.forEach(b::option);
        return b.build();
    }

    private void refusePassword() {
        if (value(PASSWORD_REFUSED).isPresent()) {
            throw new OcttConfigurationException(PASSWORD_REFUSED + " is not read (a password does not belong in a"
                    + " configuration file or on a command line): give " + PASSWORD_FILE + " or " + PASSWORD_ENV);
        }
    }

    private SecurityProfile profile() {
        Optional<String> given = value(SECURITY_PROFILE);
        if (given.isEmpty()) {
            return SecurityProfile.TLS_BASIC_AUTH;
        }
        try {
            return SecurityProfile.of(Integer.parseInt(given.get()));
        } catch (IllegalArgumentException e) {
            throw new OcttConfigurationException(SECURITY_PROFILE + " must be 1, 2 or 3, was: " + shown(given.get()), e);
        }
    }

    private Target target(SecurityProfile profile) {
        String url = value(URL).orElseThrow(() -> new OcttConfigurationException(URL
                + " is required: wss://host[:port]/path/<ChargePointId>"));
        Target target;
        try {
            target = Target.parse(url);
        } catch (IllegalArgumentException e) {
            throw new OcttConfigurationException(URL + ": " + e.getMessage(), e);
        }
        String shownUrl = shown(Target.redact(url));
        String scheme = target.url().getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("wss") && !scheme.equals("ws")) {
            throw new OcttConfigurationException(URL + " must be wss://host[:port]/path/<ChargePointId>, was: " + shownUrl);
        }
        if (target.url().getRawQuery() != null || target.url().getRawFragment() != null) {
            throw new OcttConfigurationException(URL + " must not have a query or fragment, was: " + shownUrl);
        }
        if (target.chargePointId().isEmpty()) {
            throw new OcttConfigurationException(URL + " has no ChargePointId as its last path segment"
                    + " (wss://host[:port]/path/<ChargePointId>), was: " + shownUrl);
        }
        if (profile != SecurityProfile.UNSECURED_BASIC_AUTH && !target.secure()) {
            throw new OcttConfigurationException(URL + " must use wss:// (TLS is required by security profile "
                    + profile.number() + "), was: " + shownUrl);
        }
        Optional<String> resolve = value(RESOLVE);
        if (resolve.isPresent()) {
            target = target.withConnectAddress(resolve(resolve.get(), target));
        }
        return target;
    }

    /** {@code host:port:address}, as curl's {@code --resolve}: the address is an IP literal, never looked up. */
    private static InetSocketAddress resolve(String value, Target target) {
        Matcher m = RESOLVE_SYNTAX.matcher(value);
        String syntax = RESOLVE + " must be host:port:address (e.g. csms.example.com:443:127.0.0.1, an IPv6 address in"
                + " brackets), was: " + shown(value);
        if (!m.matches()) {
            throw new OcttConfigurationException(syntax);
        }
        String host;
        try {
            host = Target.asciiHost(m.group(1));
        } catch (IllegalArgumentException e) {
            throw new OcttConfigurationException(RESOLVE + " " + e.getMessage() + " (in " + shown(value) + ")", e);
        }
        int port = Integer.parseInt(m.group(2));
        if (port < 1 || port > 65535) {
            throw new OcttConfigurationException(RESOLVE + " port must be 1 to 65535, was: " + shown(value));
        }
        if (!host.equalsIgnoreCase(target.host()) || port != target.port()) {
            throw new OcttConfigurationException(RESOLVE + " is for " + Addresses.hostPort(host, port) + " but " + URL
                    + " is for " + Addresses.hostPort(target.host(), target.port()) + "; they must match, was: "
                    + shown(value));
        }
        return new InetSocketAddress(ipLiteral(m.group(3), value), port);
    }

    private static InetAddress ipLiteral(String address, String value) {
        Matcher v4 = IPV4.matcher(address);
        Matcher v6 = IPV6.matcher(address);
        try {
            if (v4.matches()) {
                for (int i = 1; i <= 4; i++) {
                    if (Integer.parseInt(v4.group(i)) > 255) {
                        throw new OcttConfigurationException(RESOLVE + " address is not an IP address, was: " + shown(value));
                    }
                }
                return InetAddress.getByName(address); // a literal: no DNS lookup
            }
            if (v6.matches()) {
                return InetAddress.getByName(v6.group(1)); // holds ':', so it is parsed, never looked up
            }
        } catch (UnknownHostException e) {
            throw new OcttConfigurationException(RESOLVE + " address is not an IP address, was: " + shown(value), e);
        }
        throw new OcttConfigurationException(RESOLVE + " address must be an IP address (IPv6 in brackets), was: "
                + shown(value));
    }

    private Duration timeout() {
        Optional<String> given = value(TIMEOUT);
        if (given.isEmpty()) {
            return Timeouts.DEFAULTS.network();
        }
        Duration d = HumanDuration.parse(given.get()).orElseThrow(() -> new OcttConfigurationException(TIMEOUT
                + " is not a duration (" + HumanDuration.SYNTAX + "), was: " + shown(given.get())));
        if (d.isZero() || d.isNegative()) {
            throw new OcttConfigurationException(TIMEOUT + " must be positive, was: " + shown(given.get()));
        }
        if (d.compareTo(MIN_TIMEOUT) < 0 || d.compareTo(Timeouts.MAX_NETWORK) > 0) {
            throw new OcttConfigurationException(TIMEOUT + " must be " + HumanDuration.format(MIN_TIMEOUT) + " to "
                    + HumanDuration.format(Timeouts.MAX_NETWORK) + ", was: " + shown(given.get()));
        }
        return d;
    }

    private boolean insecure() {
        Optional<String> given = value(INSECURE);
        if (given.isEmpty()) {
            return false;
        }
        return switch (given.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new OcttConfigurationException(INSECURE + " must be true or false, was: "
                    + shown(given.get()));
        };
    }

    private Optional<KeyMaterial> keyMaterial() {
        Optional<String> cert = value(CLIENT_CERT);
        Optional<String> key = value(CLIENT_KEY);
        if (cert.isPresent() != key.isPresent()) {
            throw new OcttConfigurationException(cert.isPresent()
                    ? CLIENT_CERT + " needs " + CLIENT_KEY + " (the certificate's private key), was: " + shown(cert.get())
                            + " alone"
                    : CLIENT_KEY + " needs " + CLIENT_CERT + " (the certificate chain), was: " + shown(key.get())
                            + " alone");
        }
        if (cert.isEmpty()) {
            return Optional.empty();
        }
        List<X509Certificate> chain = certificates(CLIENT_CERT, cert.get());
        String keySource = CLIENT_KEY + " " + shown(key.get());
        byte[] bytes = read(CLIENT_KEY, key.get(), PemFiles.MAX_BYTES, "1 MiB");
        PrivateKey privateKey;
        try {
            privateKey = PemFiles.readPrivateKey(bytes, keySource);
            PemFiles.requireMatchingKey(chain.get(0), privateKey, keySource);
        } catch (PemException e) {
            throw new OcttConfigurationException(e.getMessage(), e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
        return Optional.of(KeyMaterial.of(chain, privateKey));
    }

    private static List<X509Certificate> certificates(String parameter, String file) {
        byte[] bytes = read(parameter, file, PemFiles.MAX_BYTES, "1 MiB");
        try {
            return PemFiles.readCertificates(bytes, parameter + " " + shown(file));
        } catch (PemException e) {
            throw new OcttConfigurationException(e.getMessage(), e);
        }
    }

    /**
     * The password: from the environment variable {@code octt.basic-auth-password-env} names, or
     * from the file {@code octt.basic-auth-password-file} names (one line; its line ending is not
     * part of it); not both.
     */
    private Optional<Secret> password() {
        Optional<String> file = value(PASSWORD_FILE);
        Optional<String> variable = value(PASSWORD_ENV);
        if (file.isPresent() && variable.isPresent()) {
            throw new OcttConfigurationException("give " + PASSWORD_FILE + " or " + PASSWORD_ENV + ", not both; was: "
                    + shown(file.get()) + " and " + shown(variable.get()));
        }
        if (variable.isPresent()) {
            String value = environment.apply(variable.get());
            if (value == null || value.isEmpty()) {
                throw new OcttConfigurationException(PASSWORD_ENV + " names the environment variable "
                        + shown(variable.get()) + ", which is " + (value == null ? "not set" : "empty")
                        + "; set it to the Basic auth password");
            }
            char[] chars = value.toCharArray();
            try {
                return Optional.of(plausible(PASSWORD_ENV + " " + shown(variable.get()), chars, chars.length));
            } finally {
                Arrays.fill(chars, '\0');
            }
        }
        if (file.isEmpty()) {
            return Optional.empty();
        }
        String source = PASSWORD_FILE + " " + shown(file.get());
        byte[] bytes = read(PASSWORD_FILE, file.get(), MAX_PASSWORD_FILE_BYTES, "1 KiB");
        CharBuffer decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new OcttConfigurationException(source + " is not UTF-8 text", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
        char[] chars = decoded.array();
        int length = decoded.remaining();
        try {
            if (length > 0 && chars[length - 1] == '\n') {
                length--;
                if (length > 0 && chars[length - 1] == '\r') {
                    length--;
                }
            }
            for (int i = 0; i < length; i++) {
                if (chars[i] == '\n' || chars[i] == '\r') {
                    throw new OcttConfigurationException(source + " must hold the password on one line, has several");
                }
            }
            if (length == 0) {
                throw new OcttConfigurationException(source + " is empty");
            }
            return Optional.of(plausible(source, chars, length));
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** A password of printable characters and at most 1 KiB of UTF-8; the message names the source, never the content. */
    private static Secret plausible(String source, char[] chars, int length) {
        long bytes = 0;
        for (int i = 0; i < length; i++) {
            char c = chars[i];
            if (Character.isISOControl(c)) {
                throw new OcttConfigurationException(source + ": the Basic auth password holds a control character"
                        + " (a password is one line of printable text)");
            }
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        if (bytes > MAX_PASSWORD_BYTES) {
            throw new OcttConfigurationException(source + ": the Basic auth password is longer than 1 KiB");
        }
        return Secret.of(Arrays.copyOf(chars, length));
    }

    /**
     * The test case options ({@code octt.option.KEY=VALUE}): each key declared by a selected test
     * case, each value valid for every declaration of its key.
     */
    private Map<String, String> options(List<TestCase> selected) {
        Map<String, List<OptionDescriptor>> declared = new TreeMap<>();
        for (TestCase t : selected) {
            for (OptionDescriptor d : t.options()) {
                declared.computeIfAbsent(d.key(), k -> new ArrayList<>()).add(d);
            }
        }
        Map<String, String> options = new TreeMap<>();
        for (String parameter : parameters.keySet().stream().filter(k -> k.startsWith(OPTION_PREFIX)).sorted().toList()) {
            String key = parameter.substring(OPTION_PREFIX.length());
            String value = parameters.get(parameter).orElse("").strip();
            List<OptionDescriptor> descriptors = declared.get(key);
            if (descriptors == null) {
                throw new OcttConfigurationException(shown(parameter) + ": not an option of the selected test cases"
                        + " (declared: " + (declared.isEmpty() ? "none" : String.join(", ", declared.keySet())) + ")");
            }
            for (OptionDescriptor d : descriptors) {
                Optional<String> problem = d.problem(value);
                if (problem.isPresent()) {
                    throw new OcttConfigurationException(shown(parameter) + ": " + problem.get() + ", was: " + shown(value));
                }
            }
            options.put(key, value);
        }
        return options;
    }

    /**
     * The bytes of a regular file of at most {@code maxBytes}; anything else (missing, a folder, a
     * FIFO, a device) is refused before it is opened, so reading cannot block.
     */
    private static byte[] read(String parameter, String name, int maxBytes, String limit) {
        Path file;
        try {
            file = Path.of(name);
        } catch (InvalidPathException e) {
            throw new OcttConfigurationException(parameter + " is not a file name, was: " + shown(name), e);
        }
        String shownFile = shown(name);
        if (!Files.exists(file)) {
            throw new OcttConfigurationException(parameter + " file not found: " + shownFile);
        }
        if (Files.isDirectory(file)) {
            throw new OcttConfigurationException(parameter + " is a folder, not a file: " + shownFile);
        }
        if (!Files.isRegularFile(file)) {
            throw new OcttConfigurationException(parameter + " is not a regular file (a pipe or a device?): " + shownFile);
        }
        try {
            if (Files.size(file) > maxBytes) {
                throw new OcttConfigurationException(parameter + " " + shownFile + " is larger than " + limit);
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length > maxBytes) { // grew in between
                Arrays.fill(bytes, (byte) 0);
                throw new OcttConfigurationException(parameter + " " + shownFile + " is larger than " + limit);
            }
            return bytes;
        } catch (IOException e) {
            throw new OcttConfigurationException(parameter + " file could not be read: " + shownFile + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** A parameter's value, stripped; empty when not set or blank. */
    private Optional<String> value(String key) {
        return parameters.get(key).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** The comma-separated items of a value, stripped, empty ones dropped, each once. */
    private static List<String> list(Optional<String> value) {
        if (value.isEmpty()) {
            return List.of();
        }
        Set<String> items = new LinkedHashSet<>();
        for (String item : value.get().split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return List.copyOf(items);
    }

    private static String known(PluginRegistry registry) {
        return registry.testCases().isEmpty() ? "none"
                : registry.testCases().stream().map(d -> d.testCase().id()).collect(Collectors.joining(", "));
    }

    /** A value as a message shows it: control characters escaped, at most 60 characters. */
    static String shown(String value) {
        String escaped = Printable.escape(value);
        return escaped.length() <= SHOWN ? escaped : escaped.substring(0, SHOWN) + "... (" + value.length() + " characters)";
    }
}
