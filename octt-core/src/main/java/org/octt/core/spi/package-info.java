/**
 * The test case SPI: implement {@link org.octt.core.spi.TestCase}, made of
 * {@link org.octt.core.spi.Step}s that report {@link org.octt.core.spi.CheckResult}s, and register
 * it with {@link java.util.ServiceLoader}. Nothing in this package is null: absent values are
 * {@link java.util.Optional} return values or empty collections.
 */
package org.octt.core.spi;
