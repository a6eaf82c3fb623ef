/**
 * The test case SPI: implement {@link org.octt.core.spi.TestCase}, made of
 * {@link org.octt.core.spi.Step}s that report {@link org.octt.core.spi.CheckResult}s, and register
 * it with {@link java.util.ServiceLoader}. Nothing in this package is null: absent values are
 * {@link java.util.Optional} return values or empty collections.
 *
 * <h2>Compatibility</h2>
 * A plugin compiled against this version keeps loading on the next one with the same
 * {@link org.octt.core.spi.SpiVersion} major. So the value types that will grow
 * ({@link org.octt.core.spi.CheckResult}, {@link org.octt.core.spi.Target},
 * {@link org.octt.core.spi.Timeouts}, {@link org.octt.core.spi.KeyMaterial},
 * {@link org.octt.core.spi.OptionDescriptor}, {@link org.octt.core.spi.Prerequisites},
 * {@link org.octt.core.spi.TestContext}) are final classes, not records: no public constructor
 * (a record's canonical constructor changes with every component added), but static factories,
 * builders and {@code with...} copies, accessors named like record components
 * ({@code check.id()}), and value {@code equals}/{@code hashCode}/{@code toString}. No type in
 * this package is a record. Types in packages named {@code internal} are not API: no public
 * signature outside them mentions one (a build check, {@code InternalTypesNotExposedTests},
 * enforces it).
 *
 * <h2>Inputs as typed values</h2>
 * What a test case needs besides its declared string options comes as typed, optional values of
 * {@link org.octt.core.spi.TestContext}, never as options: the credentials, the trust anchors, the
 * client key material and (since the security cards) {@link org.octt.core.spi.TestContext#chargePointCa()},
 * the CA that issues the Charge Points' certificates when the tester has it (the CLI's
 * {@code --client-ca-cert}/{@code --client-ca-key}), from which a test case issues certificates the
 * Central System must refuse. A test case that needs an absent one reports its checks SKIPPED with
 * the reason.
 */
package org.octt.core.spi;
