package dev.artifactcache.web;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands every browser test class the one {@link HeadlessChromium} of the test run: Chromium takes
 * seconds to start here, so it starts on first use and quits when the run ends (JUnit closes the
 * root store's AutoCloseable values). Each class opens its own server, so each has its own origin
 * and its own sessionStorage.
 */
final class SharedChromium implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedChromium.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == HeadlessChromium.class;
    }

    @Override
    public HeadlessChromium resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(HeadlessChromium.class, type -> HeadlessChromium.start(), HeadlessChromium.class);
    }
}
