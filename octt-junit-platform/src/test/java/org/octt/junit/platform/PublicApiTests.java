package org.octt.junit.platform;

import org.junit.jupiter.api.Test;
import org.octt.testsupport.PublicApi;

import java.net.URISyntaxException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PublicApiTests {

    static Path classes() throws URISyntaxException {
        return Path.of(OcttTestEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void noPublicSignatureNamesAnInternalType() throws URISyntaxException {
        assertThat(PublicApi.visibleTypes(classes())).contains(OcttTestEngine.class);
        assertThat(PublicApi.internalTypesExposed(classes())).isEmpty();
    }
}
