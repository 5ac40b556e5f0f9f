/**
 * The HTTP API of api.md on Helidon SE: one {@code HttpService} per feature, each a route table
 * and small handlers that parse input, call a plain Java service and render JSON with JSON-P.
 * The write routes pass a {@code WriteGuard} (token, rate limit) and read their bodies through
 * {@code JsonBody} (size, type and syntax guards).
 */
package dev.artifactcache.http;
