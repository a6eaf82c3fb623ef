package org.octt.core.spi;

import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class TestContextChargePointCaTests {

    private static final Target TARGET = Target.parse("wss://csms.example.com/ocpp/CP001");

    @Test
    void isEmptyUnlessGiven() {
        assertThat(TestContext.builder(TARGET).build().chargePointCa()).isEmpty();
    }

    @Test
    void keepsTheGivenCaThroughCopiesAndNeverShowsTheKey() throws Exception {
        X509Certificate ca = mock(X509Certificate.class);
        when(ca.getSubjectX500Principal()).thenReturn(new javax.security.auth.x500.X500Principal("CN=CP CA"));
        KeyPair pair = KeyPairGenerator.getInstance("EC").generateKeyPair();
        PrivateKey key = pair.getPrivate();
        KeyMaterial material = KeyMaterial.of(List.of(ca), key);

        TestContext context = TestContext.builder(TARGET).chargePointCa(material).build();

        assertThat(context.chargePointCa()).contains(material);
        assertThat(context.withFreshState().chargePointCa()).contains(material);
        assertThat(context.toBuilder().build().chargePointCa()).contains(material);
        assertThat(context.toString()).contains("chargePointCa=KeyMaterial[leaf=CN=CP CA, key=****]");
    }
}
