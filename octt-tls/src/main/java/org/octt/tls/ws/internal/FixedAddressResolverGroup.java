package org.octt.tls.ws.internal;

import io.netty.resolver.AbstractAddressResolver;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * Resolves every host name to one fixed socket address, as {@code curl --resolve} does for the URL's
 * host: the connection goes there while SNI and the Host header keep the name. Creates a fresh
 * resolver per call and keeps no per-executor cache (nothing to close).
 */
public final class FixedAddressResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    private final InetSocketAddress target;

    public FixedAddressResolverGroup(InetSocketAddress target) {
        this.target = Objects.requireNonNull(target, "target");
    }

    @Override
    public AddressResolver<InetSocketAddress> getResolver(EventExecutor executor) {
        return newResolver(executor);
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new AbstractAddressResolver<>(executor, InetSocketAddress.class) {
            @Override
            protected boolean doIsResolved(InetSocketAddress address) {
                return !address.isUnresolved();
            }

            @Override
            protected void doResolve(InetSocketAddress unresolved, Promise<InetSocketAddress> promise) {
                promise.setSuccess(target);
            }

            @Override
            protected void doResolveAll(InetSocketAddress unresolved, Promise<List<InetSocketAddress>> promise) {
                promise.setSuccess(List.of(target));
            }
        };
    }
}
