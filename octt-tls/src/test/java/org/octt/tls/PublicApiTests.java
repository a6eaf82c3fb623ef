package org.octt.tls;

import org.junit.jupiter.api.Test;
import org.octt.testsupport.PublicApi;

import java.net.URISyntaxException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No public signature of octt-tls outside its {@code internal} packages names an internal type, so
 * that internal packages can change without breaking plugins and embedders.
 */
class PublicApiTests {

    static Path classes() throws URISyntaxException {
        return Path.of(org.octt.tls.pki.Pem.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void noPublicSignatureNamesAnInternalType() throws URISyntaxException {
        assertThat(PublicApi.visibleTypes(classes())).isNotEmpty();
        assertThat(PublicApi.internalTypesExposed(classes())).isEmpty();
    }
}
